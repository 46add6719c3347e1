package io.onegrid.profile;

import java.util.Random;

/**
 * The project's one backoff: exponential with a cap and downward jitter. Attempt n waits {@code min(cap, base * 2^n)}
 * less a random share of up to {@code jitter} of it, so a wait never exceeds the cap and parties that failed together
 * spread out. With jitter 0.5 each wait lies between half and all of the doubling ceiling; with 0 it is the plain
 * doubling. {@link #delayMs} is the math; {@link Retries} counts the attempts of one retry loop on top of it.
 * <p>
 * It lives here, beside the YAML reader and the duration syntax, because every program already depends on this module
 * (the gateway's bundles, the hub, the simulator), while the hub may not depend on a gateway bundle and the gateway's
 * producers of messages should not depend on the wire contract. Thread-safe.
 */
public final class Backoff {
    private final Random random;

    public Backoff(Random random) {
        this.random = random;
    }

    /**
     * @param baseMs  the first wait (attempt 0), at least 1
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

    /** The waits of one retry loop, starting at {@code firstMs} and doubling to {@code maxMs}. */
    public Retries retries(long firstMs, long maxMs, double jitter) {
        return new Retries(this, firstMs, maxMs, jitter);
    }

    /**
     * Successive waits of one retry loop: the attempt counter over {@link #delayMs}, reset after a success. Not
     * thread-safe: one owner (a reconnect loop, a drain thread).
     */
    public static final class Retries {
        private final Backoff backoff;
        private final long firstMs;
        private final long maxMs;
        private final double jitter;
        private int attempt;

        private Retries(Backoff backoff, long firstMs, long maxMs, double jitter) {
            if (firstMs < 1 || maxMs < firstMs) {
                throw new IllegalArgumentException("backoff needs 1 <= firstMs <= maxMs, got " + firstMs + ", " + maxMs);
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("backoff jitter must be within 0..1, got " + jitter);
            }
            this.backoff = backoff;
            this.firstMs = firstMs;
            this.maxMs = maxMs;
            this.jitter = jitter;
        }

        /** The next wait in milliseconds; each call counts an attempt. */
        public long next() {
            long delay = backoff.delayMs(firstMs, attempt, maxMs, jitter);
            if (attempt < Integer.MAX_VALUE) attempt++;
            return delay;
        }

        /** After a success: the next wait is the first again. */
        public void reset() {
            attempt = 0;
        }

        /** Waits handed out since the last reset. */
        public int attempts() {
            return attempt;
        }
    }
}
