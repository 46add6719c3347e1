package io.onegrid.api;

/**
 * What the outbox holds and what it had to drop (only telemetry is ever dropped from the pending messages).
 *
 * @param quarantined         messages set aside (refused for good by the hub), kept for diagnosis and replay
 * @param quarantinedBytes    their payload bytes; the quarantine is bounded in bytes
 * @param quarantineEvicted   quarantined messages deleted to keep that bound (non-alarms first), since the file was made
 * @param oldestPendingWallMs when the pending message that has waited longest was stored (gateway wall clock, which
 *                            may have been wrong then); null when nothing is pending or the outbox does not tell
 */
public record OutboxStats(long pending, long pendingBytes, long droppedTelemetry, long quarantined,
                          long quarantinedBytes, long quarantineEvicted, Long oldestPendingWallMs) {
    /** Stats without the oldest message's time. */
    public OutboxStats(long pending, long pendingBytes, long droppedTelemetry, long quarantined,
                       long quarantinedBytes, long quarantineEvicted) {
        this(pending, pendingBytes, droppedTelemetry, quarantined, quarantinedBytes, quarantineEvicted, null);
    }

    /** Stats of an outbox that does not track the quarantine's bytes or evictions. */
    public OutboxStats(long pending, long pendingBytes, long droppedTelemetry, long quarantined) {
        this(pending, pendingBytes, droppedTelemetry, quarantined, 0, 0);
    }

    public OutboxStats withOldestPendingWallMs(Long wallMs) {
        return new OutboxStats(pending, pendingBytes, droppedTelemetry, quarantined, quarantinedBytes,
                quarantineEvicted, wallMs);
    }
}
