package io.onegrid.api;

import java.util.Random;

/**
 * Exponential backoff with a cap and downward jitter: attempt n waits {@code min(cap, base * 2^n)} less
 * up to {@code jitter} of it, so it never exceeds the cap and parties that failed together spread out.
 * The gateway's one backoff (poller retries of devices, edge rules retrying the alarm store); it lives in
 * the api bundle so every gateway bundle can use it without depending on another's internals.
 * Thread-safe.
 */
public final class Backoff {
    private final Random random;

    public Backoff(Random random) {
        this.random = random;
    }

    /**
     * @param baseMs  the first wait (attempt 0)
     * @param attempt 0 for the first retry, then 1, 2, ...
     * @param capMs   the longest wait
     * @param jitter  0..1: the share by which a wait may randomly be shortened
     */
    public long delayMs(long baseMs, int attempt, long capMs, double jitter) {
        long base = Math.max(1, baseMs);
        int shift = Math.min(Math.max(attempt, 0), 30);
        long delay = base > (capMs >> shift) ? capMs : Math.min(capMs, base << shift);
        double spread = Math.min(Math.max(jitter, 0), 1);
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        return Math.max(1, delay - (long) (delay * spread * r));
    }
}
