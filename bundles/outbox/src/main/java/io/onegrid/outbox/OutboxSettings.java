package io.onegrid.outbox;

import java.nio.file.Path;

/**
 * How the outbox is opened: the SQLite file, the byte bound on pending payloads, the group-commit window,
 * the most operations one transaction takes, and the byte bound on quarantined payloads.
 */
public record OutboxSettings(Path path, long maxBytes, long commitIntervalMs, int maxBatch, long quarantineMaxBytes) {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 20;
    public static final int DEFAULT_MAX_BATCH = 512;
    /** The one default of the quarantine bound; {@link OutboxConfig#quarantineMaxBytes()} refers to it. */
    public static final long DEFAULT_QUARANTINE_MAX_BYTES = 8L * 1024 * 1024;

    public OutboxSettings {
        if (path == null) throw new IllegalArgumentException("outbox path is required");
        if (maxBytes <= 0) throw new IllegalArgumentException("outbox maxBytes must be > 0, got " + maxBytes);
        if (commitIntervalMs < 0) {
            throw new IllegalArgumentException("outbox commitIntervalMs must be >= 0, got " + commitIntervalMs);
        }
        if (maxBatch < 1) throw new IllegalArgumentException("outbox maxBatch must be >= 1, got " + maxBatch);
        if (quarantineMaxBytes <= 0) {
            throw new IllegalArgumentException("outbox quarantineMaxBytes must be > 0, got " + quarantineMaxBytes);
        }
    }

    public static OutboxSettings of(Path path) {
        return new OutboxSettings(path, DEFAULT_MAX_BYTES, DEFAULT_COMMIT_INTERVAL_MS, DEFAULT_MAX_BATCH,
                DEFAULT_QUARANTINE_MAX_BYTES);
    }

    public OutboxSettings withMaxBytes(long bytes) {
        return new OutboxSettings(path, bytes, commitIntervalMs, maxBatch, quarantineMaxBytes);
    }

    public OutboxSettings withCommitIntervalMs(long ms) {
        return new OutboxSettings(path, maxBytes, ms, maxBatch, quarantineMaxBytes);
    }

    public OutboxSettings withMaxBatch(int n) {
        return new OutboxSettings(path, maxBytes, commitIntervalMs, n, quarantineMaxBytes);
    }

    public OutboxSettings withQuarantineMaxBytes(long bytes) {
        return new OutboxSettings(path, maxBytes, commitIntervalMs, maxBatch, bytes);
    }
}
