package io.onegrid.driver.gpio;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs at WARN at most once per interval and counts what it held back, so a peer sending garbage
 * cannot flood the gateway's log.
 */
final class RateLimitedWarn {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    RateLimitedWarn(Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Logs {@code message}, unless another was logged less than the interval ago. */
    synchronized boolean warn(String message) {
        long now = nanoClock.getAsLong();
        if (logged && now - lastNanos < intervalNanos) {
            suppressed++;
            return false;
        }
        if (suppressed > 0) {
            log.warn("{} ({} similar warning(s) suppressed)", message, suppressed);
        } else {
            log.warn(message);
        }
        logged = true;
        lastNanos = now;
        suppressed = 0;
        return true;
    }
}
