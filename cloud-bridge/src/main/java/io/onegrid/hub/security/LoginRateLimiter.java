package io.onegrid.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses login attempts for a user name after {@code maxFailures} failures until {@code lockout} has
 * passed since the last failure; a success forgets the failures. Bounded: the oldest entries are dropped
 * first, so guessing many user names cannot exhaust memory. Thread-safe.
 */
public final class LoginRateLimiter {
    private static final int MAX_TRACKED = 10_000;

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>();

    private record Failures(int count, Instant last) { }

    public LoginRateLimiter(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Whether an attempt for this user may be checked now. */
    public synchronized boolean allowed(String username) {
        Failures f = failures.get(username);
        if (f == null) return true;
        if (f.last().plus(lockout).isBefore(clock.instant())) {
            failures.remove(username);
            return true;
        }
        return f.count() < maxFailures;
    }

    public synchronized void failed(String username) {
        Failures f = failures.remove(username);
        Instant now = clock.instant();
        int count = f == null || f.last().plus(lockout).isBefore(now) ? 1 : f.count() + 1;
        failures.put(username, new Failures(count, now));
        if (failures.size() > MAX_TRACKED) {
            Iterator<String> it = failures.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    public synchronized void succeeded(String username) {
        failures.remove(username);
    }
}
