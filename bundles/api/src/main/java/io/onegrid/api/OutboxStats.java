package io.onegrid.api;

/** What the outbox holds and what it had to drop (only telemetry is ever dropped). */
public record OutboxStats(long pending, long pendingBytes, long droppedTelemetry, long quarantined) { }
