-- Version 9: outgoing webhooks for case events (docs/webhooks.md).
--
-- A subscription names a grid node (its subtree, resolved against the grid in force at each event, as a user's
-- scope is) and case-type patterns (JSON array; [] = every type). Its signing secret must stay usable for HMAC,
-- so it cannot be hashed: it is stored sealed with AES-256-GCM under the key in --webhook-key-file, never in
-- plain text. since_event_id keeps a new subscription from receiving events from before it existed. The last_*
-- columns are the outcome of its latest attempt, kept here so the list does not scan the deliveries log.
CREATE TABLE webhooks (
    id               ${id_pk},
    url              VARCHAR(2048) NOT NULL,
    node             VARCHAR(200)  NOT NULL,
    case_types       TEXT          NOT NULL,
    secret           TEXT          NOT NULL,
    enabled          BOOLEAN       NOT NULL,
    created_at       BIGINT        NOT NULL,
    created_by       VARCHAR(64)   NOT NULL,
    since_event_id   BIGINT        NOT NULL,
    last_attempt_at  BIGINT,
    last_state       VARCHAR(16),
    last_http_status INTEGER
);

-- One row per (subscription, live case event): the body is built once, so every attempt sends the same bytes.
-- next_attempt_at is set while the delivery is open (pending or failed, including the lease of an attempt in
-- flight) and NULL once it is delivered or given up; the partial index holds open deliveries only.
CREATE TABLE webhook_deliveries (
    id              ${id_pk},
    webhook_id      BIGINT        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        BIGINT        NOT NULL,
    case_id         BIGINT        NOT NULL,
    change          VARCHAR(64)   NOT NULL,
    payload         TEXT          NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    http_status     INTEGER,
    error           VARCHAR(500),
    created_at      BIGINT        NOT NULL,
    last_attempt_at BIGINT,
    next_attempt_at BIGINT,
    UNIQUE (webhook_id, event_id)
);
-- a subscription's deliveries newest first (the API), and its open ones oldest first (the worker)
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_open ON webhook_deliveries (webhook_id, id) WHERE next_attempt_at IS NOT NULL;

-- How far the worker has turned hub_events into deliveries: every event up to last_event_id is done. It starts
-- at the newest event, so an upgraded hub does not walk the stream's whole log once.
CREATE TABLE webhook_cursor (
    id              INTEGER       NOT NULL PRIMARY KEY,
    last_event_id   BIGINT        NOT NULL
);
INSERT INTO webhook_cursor (id, last_event_id) SELECT 1, COALESCE(MAX(id), 0) FROM hub_events;
