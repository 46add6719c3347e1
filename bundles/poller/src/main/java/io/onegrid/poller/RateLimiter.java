package io.onegrid.poller;

import io.onegrid.api.GatewayClock;

/** Lets a repeated warning through at most once per interval and counts what it held back. */
final class RateLimiter {
    private final GatewayClock clock;
    private final long intervalMs;
    private long lastMs = Long.MIN_VALUE; // guarded by this
    private long suppressed;              // guarded by this

    RateLimiter(GatewayClock clock, long intervalMs) {
        this.clock = clock;
        this.intervalMs = intervalMs;
    }

    /** -1 to stay quiet; otherwise log now, mentioning the returned number of occurrences held back. */
    synchronized long tryAcquire() {
        long now = clock.monoMs();
        if (lastMs != Long.MIN_VALUE && now - lastMs < intervalMs) {
            suppressed++;
            return -1;
        }
        lastMs = now;
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}
