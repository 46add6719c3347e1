package io.onegrid.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits password guessing. Failures are counted per key (a user name at an address, an address, a gateway
 * id); a key that reached its limit refuses new attempts until {@code lockout} has passed since its last
 * failure. An attempt reserves its place on every key <em>before</em> the slow password check, and a
 * reserved attempt counts like a failure until it ends, so a burst of concurrent guesses cannot all pass
 * the limit before the first failure is recorded. Memory is bounded: beyond {@value #MAX_TRACKED} keys the
 * oldest are forgotten first. Thread-safe.
 */
public final class AttemptLimiter {
    static final int MAX_TRACKED = 10_000;

    /**
     * One key an attempt counts against.
     *
     * @param key             what is counted, e.g. {@code "user:admin@10.0.0.7"}
     * @param maxFailures     failures (plus attempts in progress) after which the key is refused
     * @param forgetOnSuccess whether a successful attempt clears the key's failures (true for the
     *                        credential's own key; false for an address, which a valid account of the
     *                        guesser must not be able to reset)
     */
    public record Limit(String key, int maxFailures, boolean forgetOnSuccess) { }

    private static final class Entry {
        int failures;
        int inFlight;
        Instant lastFailure;
    }

    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public AttemptLimiter(Duration lockout, Clock clock) {
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Reserves an attempt on every key, or returns empty (refuse without checking) if any key is at its limit. */
    public synchronized Optional<Attempt> begin(Limit... limits) {
        Instant now = clock.instant();
        for (Limit l : limits) {
            Entry e = current(l.key(), now);
            if (e != null && e.failures + e.inFlight >= l.maxFailures()) return Optional.empty();
        }
        for (Limit l : limits) {
            entry(l.key()).inFlight++;
        }
        return Optional.of(new Attempt(limits));
    }

    /**
     * How long until every one of these keys accepts an attempt again (for a Retry-After header): zero if none is
     * at its limit; at least one second while a key is full of attempts still in progress.
     */
    public synchronized Duration retryAfter(Limit... limits) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Limit l : limits) {
            Entry e = current(l.key(), now);
            if (e == null || e.failures + e.inFlight < l.maxFailures()) continue;
            Duration d = e.failures >= l.maxFailures() && e.lastFailure != null
                    ? Duration.between(now, e.lastFailure.plus(lockout)) : Duration.ofSeconds(1);
            if (d.compareTo(wait) > 0) wait = d;
        }
        return wait;
    }

    /** The key's entry with failures older than the lockout forgotten; null if nothing is tracked. */
    private Entry current(String key, Instant now) {
        Entry e = entries.get(key);
        if (e != null && e.lastFailure != null && e.lastFailure.plus(lockout).isBefore(now)) {
            e.failures = 0;
            e.lastFailure = null;
        }
        return e;
    }

    private Entry entry(String key) {
        Entry e = entries.remove(key); // re-insert: the map's order is "least recently touched first"
        if (e == null) e = new Entry();
        entries.put(key, e);
        if (entries.size() > MAX_TRACKED) {
            Iterator<Entry> it = entries.values().iterator();
            it.next();
            it.remove();
        }
        return e;
    }

    private synchronized void end(Limit[] limits, Boolean success) {
        Instant now = clock.instant();
        for (Limit l : limits) {
            Entry e = current(l.key(), now);
            if (e == null) {
                if (!Boolean.FALSE.equals(success)) continue;
                e = entry(l.key());
            } else {
                e = entry(l.key());
                e.inFlight = Math.max(0, e.inFlight - 1);
            }
            if (Boolean.FALSE.equals(success)) {
                e.failures++;
                e.lastFailure = now;
            } else if (Boolean.TRUE.equals(success) && l.forgetOnSuccess()) {
                e.failures = 0;
                e.lastFailure = null;
            }
            if (e.failures == 0 && e.inFlight == 0) entries.remove(l.key());
        }
    }

    /** Keys tracked now (tests: memory stays bounded). */
    synchronized int tracked() {
        return entries.size();
    }

    /** A reserved attempt; end it exactly once with {@link #failed}, {@link #succeeded} or {@link #abandoned}. */
    public final class Attempt {
        private final Limit[] limits;
        private boolean ended;

        private Attempt(Limit[] limits) {
            this.limits = limits;
        }

        /** Wrong credentials: counts as a failure on every key. */
        public void failed() {
            finish(Boolean.FALSE);
        }

        /** Right credentials: frees the reservation and clears the keys marked forget-on-success. */
        public void succeeded() {
            finish(Boolean.TRUE);
        }

        /** The check could not run (database down): frees the reservation, counts nothing. */
        public void abandoned() {
            finish(null);
        }

        private void finish(Boolean success) {
            synchronized (this) {
                if (ended) return;
                ended = true;
            }
            end(limits, success);
        }
    }
}
