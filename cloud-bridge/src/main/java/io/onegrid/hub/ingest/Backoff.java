package io.onegrid.hub.ingest;

import java.util.Random;

/**
 * Exponential backoff with jitter: each delay is drawn between half and all of a ceiling that doubles from
 * {@code initialMs} up to {@code maxMs}, so work that failed together (every gateway that dropped during one
 * database outage) is not retried in lock step. The same algorithm as the gateway's {@code io.onegrid.uplink.Backoff};
 * the hub may not import gateway bundles (DESIGN.md section 3), and {@code bundles/protocol} holds only the wire
 * contract. Not thread-safe: one owner at a time.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final Random random;
    private long ceiling;

    public Backoff(long initialMs, long maxMs, Random random) {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("backoff needs 1 <= initialMs <= maxMs, got " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
        this.ceiling = initialMs;
    }

    /** The next delay in milliseconds. */
    public long next() {
        long c = ceiling;
        ceiling = Math.min(maxMs, ceiling * 2);
        long half = c / 2;
        return half + (long) (random.nextDouble() * (c - half + 1));
    }
}
