-- Version 6: commands from the hub to gateways (POST /api/gateways/{id}/commands) and their replies.
-- The hub is the MQTT server, so it keeps the commands a gateway has not received yet itself: state 'PENDING'
-- rows are sent when the gateway (re)subscribes to og/v1/gw/{id}/cmd/+, until expires_at. seq orders the
-- commands of a gateway (ids are UUIDs); args and reply are JSON text, as the API shows them.
CREATE TABLE gateway_commands (
    seq             ${id_pk},
    id              VARCHAR(64)  NOT NULL UNIQUE,
    gateway_id      VARCHAR(64)  NOT NULL REFERENCES gateways (id),
    command         VARCHAR(32)  NOT NULL,
    args            TEXT         NOT NULL,
    sent_by         VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    delivered_at    BIGINT,
    replied_at      BIGINT,
    error_code      VARCHAR(64),
    reply           TEXT
);
-- a gateway's recent commands (the API's list) and its pending ones (delivery on subscribe, the bound)
CREATE INDEX gateway_commands_gateway ON gateway_commands (gateway_id, seq);
-- the expiry sweep
CREATE INDEX gateway_commands_open ON gateway_commands (state, expires_at);
