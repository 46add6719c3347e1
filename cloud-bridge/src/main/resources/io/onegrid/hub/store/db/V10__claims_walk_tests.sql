-- Version 10: claim codes, provisioning, walk tests and commissioning (docs/hub.md#claiming-and-commissioning).
--
-- A claim code is stored as the SHA-256 of its normalised text only (the code itself is shown once, to whoever
-- created it). used_at/gateway_id are set once, when a gateway provisions with it; revoked_at when an installer
-- or admin withdraws it. scope_path is the site's path, so an installer lists the claims of their part of the grid.
CREATE TABLE claims (
    id           ${id_pk},
    code_hash    VARCHAR(64)  NOT NULL UNIQUE,
    site         VARCHAR(200) NOT NULL,
    scope_path   VARCHAR(1000) ${bytewise} NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    used_at      BIGINT,
    gateway_id   VARCHAR(64),
    revoked_at   BIGINT,
    revoked_by   VARCHAR(64)
);
CREATE INDEX claims_scope ON claims (scope_path);

-- The site a gateway was claimed for: it is placed there until (and as well as) its devices say more.
ALTER TABLE gateways ADD COLUMN site VARCHAR(200);
ALTER TABLE gateways ADD COLUMN claim_id BIGINT;

-- A walk test: while now is in [started_at, ends_at) the gateway's alarms are recorded but open no case.
-- ends_at is the planned end (extended by a second start) or, once ended early, the time it was ended.
CREATE TABLE walk_tests (
    id           ${id_pk},
    gateway_id   VARCHAR(64)  NOT NULL REFERENCES gateways (id),
    started_at   BIGINT       NOT NULL,
    started_by   VARCHAR(64)  NOT NULL,
    ends_at      BIGINT       NOT NULL,
    ended_by     VARCHAR(64)
);
CREATE INDEX walk_tests_gateway ON walk_tests (gateway_id, ends_at);

-- What the hub itself saw of each device during a walk test: the first trigger (an alarm raise or a device
-- event), its value, and the hub round trip (receive time minus the event's gateway time, clock-corrected).
CREATE TABLE walk_test_devices (
    walk_test_id      BIGINT       NOT NULL REFERENCES walk_tests (id),
    device_id         VARCHAR(200) NOT NULL,
    first_at          BIGINT       NOT NULL,
    received_at       BIGINT       NOT NULL,
    trigger_kind      VARCHAR(16)  NOT NULL,
    trigger_ref       VARCHAR(200) NOT NULL,
    value_seen        VARCHAR(500),
    round_trip_ms     BIGINT       NOT NULL,
    triggers          INTEGER      NOT NULL,
    PRIMARY KEY (walk_test_id, device_id)
);

-- An alarm raised during a walk test names it, and opened no case.
ALTER TABLE alarms ADD COLUMN walk_test_id BIGINT;

-- Commissioning reports: the latest per gateway is the one in force; report is the merged JSON document.
CREATE TABLE commissioning_reports (
    id            ${id_pk},
    gateway_id    VARCHAR(64)  NOT NULL REFERENCES gateways (id),
    walk_test_id  BIGINT,
    submitted_by  VARCHAR(64)  NOT NULL,
    submitted_at  BIGINT       NOT NULL,
    report        TEXT         NOT NULL
);
CREATE INDEX commissioning_reports_gateway ON commissioning_reports (gateway_id, id);

ALTER TABLE devices ADD COLUMN commissioned_at BIGINT;
ALTER TABLE devices ADD COLUMN commissioning_report_id BIGINT;
