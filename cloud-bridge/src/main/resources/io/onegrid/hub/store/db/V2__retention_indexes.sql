-- Retention deletes by the hub's receive time; without these indexes each pruning batch scans the table.
CREATE INDEX messages_received ON messages (received_at);
CREATE INDEX telemetry_received ON telemetry (received_at);
