-- Version 4: the grid, the whole case loop, scoped users, notifications, audit, the live event log and
-- device health. Existing rows keep their meaning: old cases get version 1, no deadlines, and the scope of
-- the whole grid ('/') until the next grid import places them.

-- The grid document (GridFile YAML), one row per import; the newest is the grid in force.
CREATE TABLE grid_documents (
    version         ${id_pk},
    document        TEXT         NOT NULL,
    imported_at     BIGINT       NOT NULL,
    imported_by     VARCHAR(64)  NOT NULL
);

-- Where a case is and who owns it. scope_path is the materialised path of its place (Grid.path), so scope
-- checks are a prefix range on an index (${bytewise}: byte order, so the range is exact); unplaced cases carry the district's path and unplaced = TRUE.
ALTER TABLE cases ADD COLUMN scope_path VARCHAR(1000) ${bytewise} NOT NULL DEFAULT '/';
ALTER TABLE cases ADD COLUMN unplaced BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN owner_tier VARCHAR(200);
ALTER TABLE cases ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN resident_id VARCHAR(200);
ALTER TABLE cases ADD COLUMN assignee_user VARCHAR(64);
ALTER TABLE cases ADD COLUMN assignee_team VARCHAR(200);
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN source_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN dispatched_at BIGINT;
ALTER TABLE cases ADD COLUMN accepted_at BIGINT;
ALTER TABLE cases ADD COLUMN started_at BIGINT;
ALTER TABLE cases ADD COLUMN resolved_at BIGINT;
ALTER TABLE cases ADD COLUMN verified_at BIGINT;
ALTER TABLE cases ADD COLUMN dispatch_due BIGINT;
ALTER TABLE cases ADD COLUMN accept_due BIGINT;
ALTER TABLE cases ADD COLUMN resolve_due BIGINT;
ALTER TABLE cases ADD COLUMN breaches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN rework_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN outcome VARCHAR(64);
ALTER TABLE cases ADD COLUMN false_alarm_reason VARCHAR(2000);
CREATE INDEX cases_scope ON cases (scope_path, opened_at);
CREATE INDEX cases_scope_stage ON cases (stage, scope_path, opened_at);
CREATE INDEX cases_dispatch_due ON cases (dispatch_due);
CREATE INDEX cases_accept_due ON cases (accept_due);
CREATE INDEX cases_resolve_due ON cases (resolve_due);

-- Who was told about a case, and whether they acknowledged it.
CREATE TABLE notifications (
    id              ${id_pk},
    case_id         BIGINT       NOT NULL REFERENCES cases (id),
    responder_id    VARCHAR(200) NOT NULL,
    role            VARCHAR(64)  NOT NULL,
    tier            VARCHAR(200),
    reason          VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    acked_at        BIGINT
);
CREATE INDEX notifications_case ON notifications (case_id, id);

-- Users are scoped to a grid subtree (NULL = the whole grid).
ALTER TABLE users ADD COLUMN scope_node VARCHAR(200);
ALTER TABLE users ADD COLUMN display_name VARCHAR(200);

-- Every read of a resident's personal data, and other security-relevant actions.
CREATE TABLE audit_log (
    id              ${id_pk},
    at              BIGINT       NOT NULL,
    username        VARCHAR(64)  NOT NULL,
    action          VARCHAR(64)  NOT NULL,
    subject         VARCHAR(200) NOT NULL,
    detail          VARCHAR(2000)
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The live stream's log: case, notification and device changes in commit order, for Last-Event-ID resume.
CREATE TABLE hub_events (
    id              ${id_pk},
    at              BIGINT       NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    scope_path      VARCHAR(1000) ${bytewise} NOT NULL,
    payload         TEXT         NOT NULL
);
CREATE INDEX hub_events_at ON hub_events (at);

-- Device registry and health.
ALTER TABLE devices ADD COLUMN scope_path VARCHAR(1000) ${bytewise} NOT NULL DEFAULT '/';
ALTER TABLE devices ADD COLUMN last_values TEXT;
ALTER TABLE devices ADD COLUMN last_values_at BIGINT;
ALTER TABLE devices ADD COLUMN state_since BIGINT;
ALTER TABLE devices ADD COLUMN fault_case_id BIGINT;
ALTER TABLE gateways ADD COLUMN scope_path VARCHAR(1000) ${bytewise} NOT NULL DEFAULT '/';
ALTER TABLE gateways ADD COLUMN received BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gateways ADD COLUMN duplicates BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gateways ADD COLUMN rejected BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gateways ADD COLUMN outbox_pending BIGINT;
ALTER TABLE gateways ADD COLUMN outbox_dropped BIGINT;
ALTER TABLE gateways ADD COLUMN uptime_ms BIGINT;
ALTER TABLE gateways ADD COLUMN health_at BIGINT;
ALTER TABLE gateways ADD COLUMN state_since BIGINT;
ALTER TABLE gateways ADD COLUMN fault_case_id BIGINT;
CREATE INDEX devices_scope ON devices (scope_path);
CREATE INDEX gateways_scope ON gateways (scope_path);
UPDATE cases SET stage = 'FALSE_ALARM' WHERE stage = 'CLOSED_FALSE_ALARM';
