package io.onegrid.api;

/**
 * What the outbox holds and what it had to drop (only telemetry is ever dropped from the pending messages).
 *
 * @param quarantined       messages set aside (refused for good by the hub), kept for diagnosis and replay
 * @param quarantinedBytes  their payload bytes; the quarantine is bounded in bytes
 * @param quarantineEvicted quarantined messages deleted to keep that bound (non-alarms first), since the file was made
 */
public record OutboxStats(long pending, long pendingBytes, long droppedTelemetry, long quarantined,
                          long quarantinedBytes, long quarantineEvicted) {
    /** Stats of an outbox that does not track the quarantine's bytes or evictions. */
    public OutboxStats(long pending, long pendingBytes, long droppedTelemetry, long quarantined) {
        this(pending, pendingBytes, droppedTelemetry, quarantined, 0, 0);
    }
}
