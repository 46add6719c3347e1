-- Per gateway boot, the hub's estimate of when that boot started in hub time: the minimum over its
-- messages of (hub receive time - ts.mono). A message can be delivered late (outbox backlog) but never
-- before it was created, so the minimum is the tightest bound. last_wall/last_mono are the newest
-- message's clocks (largest mono), from which the gateway's wall-clock skew is computed.
CREATE TABLE gateway_boots (
    gateway_id      VARCHAR(64)  NOT NULL,
    boot_id         VARCHAR(64)  NOT NULL,
    boot_start_hub  BIGINT       NOT NULL,
    last_wall       BIGINT       NOT NULL,
    last_mono       BIGINT       NOT NULL,
    warned          BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (gateway_id, boot_id)
);

-- Raise time in hub time: the hub's estimate (boot start + raisedAt.mono) while the gateway's clock is off
-- by more than the tolerance, else the gateway's wall time. NULL for alarms stored before this version.
ALTER TABLE alarms ADD COLUMN raised_at BIGINT;
ALTER TABLE alarms ADD COLUMN raised_corrected BOOLEAN NOT NULL DEFAULT FALSE;
