package io.onegrid.poller;

import java.util.Random;

/**
 * Exponential backoff with a cap and downward jitter: attempt n waits {@code min(cap, base * 2^n)} less
 * up to {@code jitter} of it, so it never exceeds the cap and devices that failed together spread out.
 */
final class Backoff {
    private final Random random;

    Backoff(Random random) {
        this.random = random;
    }

    long delayMs(long baseMs, int attempt, long capMs, double jitter) {
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
