-- Version 8: the latest heartbeat of each gateway and of each of its devices, as the API shows them
-- (docs/protocol.md, health). NULL until a heartbeat carries the figure (gateways before these fields send none).
-- health_wall is the heartbeat's ts.wall, the gateway's wall clock when it sent it; beside health_at (hub time
-- when it was stored) it gives the gateway's clock offset.
ALTER TABLE gateways ADD COLUMN outbox_quarantined BIGINT;
ALTER TABLE gateways ADD COLUMN outbox_quarantined_bytes BIGINT;
ALTER TABLE gateways ADD COLUMN outbox_quarantine_evicted BIGINT;
ALTER TABLE gateways ADD COLUMN outbox_oldest_age_ms BIGINT;
ALTER TABLE gateways ADD COLUMN health_wall BIGINT;
ALTER TABLE gateways ADD COLUMN clock_sync VARCHAR(16);
-- the device's communication state as its gateway reported it (ok, degraded, down, unknown), the age of its last
-- reading then, and when that heartbeat was stored; a birth re-declares the devices, which clears them
ALTER TABLE devices ADD COLUMN comm_state VARCHAR(16);
ALTER TABLE devices ADD COLUMN last_reading_age_ms BIGINT;
ALTER TABLE devices ADD COLUMN health_at BIGINT;
