-- OneGrid hub schema, version 1. Times are epoch milliseconds (hub clock unless named *_wall/*_mono,
-- which are the gateway's wall clock and its boot-relative monotonic clock). Standard SQL that SQLite
-- and PostgreSQL both run; ${id_pk} is the one difference (Flyway placeholder, see SchemaMigrations).

CREATE TABLE gateways (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret_hash     VARCHAR(200) NOT NULL,
    online          BOOLEAN      NOT NULL DEFAULT FALSE,
    last_seen       BIGINT,
    boot_id         VARCHAR(64),
    software        VARCHAR(200),
    registered_at   BIGINT       NOT NULL
);

CREATE TABLE devices (
    gateway_id      VARCHAR(64)  NOT NULL REFERENCES gateways (id),
    id              VARCHAR(200) NOT NULL,
    profile         VARCHAR(200) NOT NULL,
    site            VARCHAR(200) NOT NULL,
    unit            VARCHAR(200),
    area            VARCHAR(200),
    online          BOOLEAN,
    declared_at     BIGINT       NOT NULL,
    PRIMARY KEY (gateway_id, id)
);

-- De-duplication of sequenced messages: at-least-once delivery, exactly-once effect.
CREATE TABLE messages (
    gateway_id      VARCHAR(64)  NOT NULL,
    boot_id         VARCHAR(64)  NOT NULL,
    seq             BIGINT       NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    received_at     BIGINT       NOT NULL,
    PRIMARY KEY (gateway_id, boot_id, seq)
);

CREATE TABLE alarms (
    id              ${id_pk},
    gateway_id      VARCHAR(64)  NOT NULL,
    alarm_id        VARCHAR(200) NOT NULL,
    device_id       VARCHAR(200) NOT NULL,
    rule_id         VARCHAR(200) NOT NULL,
    severity        VARCHAR(16)  NOT NULL,
    case_type       VARCHAR(200) NOT NULL,
    site            VARCHAR(200) NOT NULL,
    unit            VARCHAR(200),
    area            VARCHAR(200),
    resident_id     VARCHAR(200),
    message         VARCHAR(2000),
    boot_id         VARCHAR(64)  NOT NULL,
    raised_wall     BIGINT       NOT NULL,
    raised_mono     BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL,
    cleared_at      BIGINT,
    cleared_wall    BIGINT,
    cleared_mono    BIGINT,
    readings        TEXT         NOT NULL,
    UNIQUE (gateway_id, alarm_id)
);
CREATE INDEX alarms_source ON alarms (gateway_id, device_id, rule_id);

CREATE TABLE cases (
    id              ${id_pk},
    type            VARCHAR(200) NOT NULL,
    severity        VARCHAR(16)  NOT NULL,
    stage           VARCHAR(32)  NOT NULL,
    site            VARCHAR(200) NOT NULL,
    unit            VARCHAR(200),
    area            VARCHAR(200),
    grid_node       VARCHAR(200),
    opened_at       BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    last_alarm_at   BIGINT       NOT NULL,
    closed_at       BIGINT
);
CREATE INDEX cases_stage ON cases (stage, site);
CREATE INDEX cases_opened ON cases (opened_at);

CREATE TABLE case_alarms (
    case_id         BIGINT       NOT NULL REFERENCES cases (id),
    alarm_ref       BIGINT       NOT NULL REFERENCES alarms (id),
    joined_at       BIGINT       NOT NULL,
    reason          VARCHAR(32)  NOT NULL,
    PRIMARY KEY (case_id, alarm_ref)
);
CREATE INDEX case_alarms_alarm ON case_alarms (alarm_ref);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE case_timeline (
    id              ${id_pk},
    case_id         BIGINT       NOT NULL REFERENCES cases (id),
    at              BIGINT       NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    action          VARCHAR(64)  NOT NULL,
    detail          VARCHAR(2000)
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

CREATE TABLE telemetry (
    gateway_id      VARCHAR(64)  NOT NULL,
    device_id       VARCHAR(200) NOT NULL,
    channel         VARCHAR(200) NOT NULL,
    value_num       DOUBLE PRECISION,
    value_bool      BOOLEAN,
    value_text      VARCHAR(2000),
    unit            VARCHAR(32),
    quality         VARCHAR(16)  NOT NULL,
    boot_id         VARCHAR(64)  NOT NULL,
    wall            BIGINT       NOT NULL,
    mono            BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL
);
CREATE INDEX telemetry_channel ON telemetry (gateway_id, device_id, channel, wall);

CREATE TABLE events (
    gateway_id      VARCHAR(64)  NOT NULL,
    device_id       VARCHAR(200),
    type            VARCHAR(200) NOT NULL,
    detail          TEXT         NOT NULL,
    boot_id         VARCHAR(64)  NOT NULL,
    wall            BIGINT       NOT NULL,
    mono            BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL
);

CREATE TABLE users (
    username        VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(200) NOT NULL,
    role            VARCHAR(32)  NOT NULL,
    created_at      BIGINT       NOT NULL
);

-- Bearer tokens, stored as SHA-256 hashes.
CREATE TABLE tokens (
    token_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL REFERENCES users (username),
    expires_at      BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX tokens_expiry ON tokens (expires_at);
