package io.onegrid.uplink;

import io.onegrid.profile.Backoff;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which outbox messages the drain holds back, so one message whose publish keeps failing cannot stall the
 * messages behind it. Confined to the drain's executor thread.
 * <ul>
 * <li>A message's <b>streak</b> counts its own publish failures in a row: the publish threw (it could not be
 *     queued or encoded), or no PUBACK came for it while it was the head of the line (published while nothing
 *     else was in flight, see {@link OutboxDrainer}). Any PUBACK ends the streak.</li>
 * <li>At {@code threshold} failures in a row it is <b>held back</b> for a delay of its own ({@link Backoff.Retries},
 *     growing with each further hold) and the drain goes on with the messages behind it. When the delay is
 *     over it is offered again in its usual place.</li>
 * <li><b>Not its fault</b>: when another message fails too, or the hub answers it with a retryable code
 *     ("cannot store now"), while messages are held and nothing was acknowledged since the last hold, the
 *     failures were the link's or the hub's: every hold and streak is lifted, so the held messages are first
 *     again and the order is the outbox's. So during an outage at most one message overtakes a held one per
 *     {@code threshold} failures, and after a retryable refusal nothing is held.</li>
 * </ul>
 */
final class HoldBacks {
    /** Streaks kept at most; beyond, all are forgotten (their messages were dropped or dealt with elsewhere). */
    static final int MAX_TRACKED = 10_000;

    private final int threshold;
    private final Supplier<Backoff.Retries> backoffs;
    private final LongSupplier nanoTime;
    private final Map<Long, Integer> streaks = new HashMap<>();
    private final Map<Long, Backoff.Retries> delays = new HashMap<>();
    private final Map<Long, Long> heldUntilNanos = new HashMap<>();
    private long acknowledged;
    private long acknowledgedAtLastHold;

    HoldBacks(int threshold, Supplier<Backoff.Retries> backoffs, LongSupplier nanoTime) {
        if (threshold < 1) throw new IllegalArgumentException("hold-back threshold must be >= 1, got " + threshold);
        this.threshold = threshold;
        this.backoffs = backoffs;
        this.nanoTime = nanoTime;
    }

    /**
     * A publish of {@code id} failed on its own. Returns how long (ms) the message is now held back, or -1 when
     * it is not (then the caller pauses the whole drain, as for any failure that may be the link's).
     */
    long failed(long id) {
        if (liftIfNothingGotThrough(id)) return -1;
        if (streaks.size() >= MAX_TRACKED && !streaks.containsKey(id)) streaks.clear();
        int streak = streaks.merge(id, 1, Integer::sum);
        if (streak < threshold) return -1;
        long delay = delays.computeIfAbsent(id, k -> backoffs.get()).next();
        heldUntilNanos.put(id, nanoTime.getAsLong() + delay * 1_000_000L);
        acknowledgedAtLastHold = acknowledged;
        return delay;
    }

    /** A PUBACK came for the message: its publish works, whatever the hub answered. */
    void reachedHub(long id) {
        streaks.remove(id);
        delays.remove(id);
        heldUntilNanos.remove(id);
    }

    /** The hub answered with a retryable code: the publish works, and the hub itself cannot store now. */
    void refusedForNow(long id) {
        liftIfNothingGotThrough(id);
        reachedHub(id);
    }

    /** The hub took the message: evidence that the hub and the link work. */
    void delivered(long id) {
        reachedHub(id);
        acknowledged++;
    }

    /** Messages still held back now (for {@code excludeIds}). */
    Set<Long> held() {
        release();
        return heldUntilNanos.isEmpty() ? Set.of() : new HashSet<>(heldUntilNanos.keySet());
    }

    /** How many failures in a row this message has (for logs and tests). */
    int streak(long id) {
        return streaks.getOrDefault(id, 0);
    }

    /** Lifts every hold when another message failed while nothing was delivered since the last hold. */
    private boolean liftIfNothingGotThrough(long failedId) {
        release();
        if (heldUntilNanos.isEmpty() || acknowledged != acknowledgedAtLastHold || heldUntilNanos.containsKey(failedId)) {
            return false;
        }
        heldUntilNanos.clear();
        streaks.clear();
        delays.clear();
        return true;
    }

    private void release() {
        if (heldUntilNanos.isEmpty()) return;
        long now = nanoTime.getAsLong();
        heldUntilNanos.values().removeIf(until -> now - until >= 0);
    }
}
