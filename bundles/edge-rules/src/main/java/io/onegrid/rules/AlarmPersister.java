package io.onegrid.rules;

import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.OutboxException;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.profile.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Persists alarm transitions off the readers' threads: encode with the {@link UplinkEncoder}, then
 * {@link AlarmStateStore#record} (state and outbox message in one transaction).
 * <p>
 * Order is kept per <em>source</em> (device and rule): a clear never overtakes its raise, nor a new raise
 * the clear before it. Sources are independent, so a transition that cannot be persisted never holds back
 * the alarms of other devices or rules. Two kinds of failure:
 * <ul>
 *   <li><b>The store is failing</b> (disk full, database locked): an {@link OutboxException} with no proof
 *       that the store works for others. Everything waits in memory and is retried with backoff (0.5 s
 *       doubling up to {@code maxBackoffMs}); a pass stops after two such failures so a dead store is not
 *       hammered. Nothing is dropped however long it lasts: an alarm must not be lost to a full disk.</li>
 *   <li><b>One transition is bad</b>: its encoding or the store's validation throws a runtime exception, or
 *       the store rejects it while it persisted another transition since this one's previous try. It is
 *       retried with its own backoff and, after {@link #SET_ASIDE_AFTER} such failures, set aside: removed
 *       from the queue, logged at ERROR with what it carried, kept in {@link #setAside()}. What is queued
 *       behind it for the same source then goes on.</li>
 * </ul>
 */
public final class AlarmPersister implements Consumer<AlarmTransition> {
    /** Runs a task after a delay; in production a single-thread scheduled executor. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMs);
    }

    /** Failures of one transition itself (not of the store) after which it is set aside. */
    static final int SET_ASIDE_AFTER = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AlarmPersister.class);
    private static final long FIRST_BACKOFF_MS = 500;
    private static final int SET_ASIDE_KEPT = 100;
    /** Store failures in one pass, with nothing persisted in between, after which the store counts as down. */
    private static final int STORE_DOWN_AFTER = 2;

    private final AlarmStateStore store;
    private final UplinkEncoder encoder;
    private final Scheduler scheduler;
    private final GatewayClock clock;
    private final long maxBackoffMs;
    private final Backoff backoff = new Backoff(new Random());
    private final Object passLock = new Object();
    private final List<Entry> queue = new ArrayList<>();         // guarded by this, oldest first
    private final Deque<AlarmTransition> setAside = new ArrayDeque<>(); // guarded by this
    private boolean immediatePass;                               // guarded by this
    private long timerDueMono = Long.MAX_VALUE;                  // guarded by this
    /** Transitions persisted since start; written in a pass (under passLock), read when queueing. */
    private volatile long persisted;
    private boolean storeFailing;                                // only touched in a pass, under passLock

    /** One queued transition and what its tries taught. */
    private static final class Entry {
        final AlarmTransition transition;
        final String source;
        OutboundMessage message;
        int attempts;
        int ownFailures;
        long dueMono;
        long persistedAtLastTry;

        Entry(AlarmTransition transition, long persistedSoFar) {
            this.transition = transition;
            this.source = transition.deviceId() + "\n" + transition.ruleId();
            this.persistedAtLastTry = persistedSoFar;
        }

        String what() {
            AlarmTransition t = transition;
            return (t.raised() ? "raise" : "clear") + " of alarm " + t.alarmId() + " (" + t.deviceId() + "/" + t.ruleId() + ")";
        }
    }

    public AlarmPersister(AlarmStateStore store, UplinkEncoder encoder, Scheduler scheduler, GatewayClock clock,
                          long maxBackoffMs) {
        this.store = store;
        this.encoder = encoder;
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxBackoffMs = Math.max(FIRST_BACKOFF_MS, maxBackoffMs);
    }

    /** Queues a transition and asks for a pass at once (it is tried even while older ones back off); returns at once. */
    @Override
    public void accept(AlarmTransition transition) {
        synchronized (this) {
            queue.add(new Entry(transition, persisted));
            if (immediatePass) return;
            immediatePass = true;
        }
        scheduler.schedule(() -> {
            synchronized (this) {
                immediatePass = false;
            }
            drain();
        }, 0);
    }

    /** Transitions not yet persisted, oldest first. */
    public synchronized List<AlarmTransition> unpersisted() {
        return queue.stream().map(e -> e.transition).toList();
    }

    /** Transitions given up on (the most recent {@value #SET_ASIDE_KEPT}), oldest first. */
    public synchronized List<AlarmTransition> setAside() {
        return List.copyOf(setAside);
    }

    /** One last attempt at everything queued, on the caller's thread (shutdown); true when nothing is left. */
    public boolean flush() {
        synchronized (passLock) {
            pass(true); // no timer: the scheduler is shut down by now
        }
        synchronized (this) {
            return queue.isEmpty();
        }
    }

    /** One pass, then a timer for the earliest retry that is due later (one timer at a time). */
    private void drain() {
        long next;
        synchronized (passLock) {
            next = pass(false);
        }
        long now = clock.monoMs();
        synchronized (this) {
            if (next == Long.MAX_VALUE || timerDueMono <= next) return;
            timerDueMono = next;
        }
        scheduler.schedule(() -> {
            synchronized (this) {
                if (timerDueMono == next) timerDueMono = Long.MAX_VALUE;
            }
            drain();
        }, Math.max(1, next - now));
    }

    /** Tries the oldest due transition of every source; returns when the next retry is due (MAX_VALUE: none). */
    private long pass(boolean ignoreBackoff) {
        long now = clock.monoMs();
        List<Entry> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(queue);
        }
        // a source is blocked once one of its transitions stays queued in this pass: the later ones wait for it
        Set<String> blocked = new HashSet<>();
        int storeFailuresInARow = 0;
        long storeRetryMono = now;
        for (Entry e : snapshot) {
            if (blocked.contains(e.source)) continue;
            if (!ignoreBackoff && e.dueMono > now) {
                blocked.add(e.source);
                continue;
            }
            if (storeFailuresInARow >= STORE_DOWN_AFTER) {
                e.dueMono = Math.max(e.dueMono, storeRetryMono); // the store is down: wait with the others
                blocked.add(e.source);
                continue;
            }
            Exception failure = attempt(e);
            if (failure == null) {
                storeFailuresInARow = 0;
                continue;
            }
            boolean storeTrouble = failure instanceof OutboxException && persisted == e.persistedAtLastTry;
            e.persistedAtLastTry = persisted;
            e.attempts++;
            if (storeTrouble) {
                storeFailuresInARow++;
            } else {
                e.ownFailures++;
            }
            if (e.ownFailures >= SET_ASIDE_AFTER) {
                giveUp(e, failure); // what follows it for the same source may go on in this very pass
                continue;
            }
            blocked.add(e.source);
            e.dueMono = now + backoff.delayMs(FIRST_BACKOFF_MS, e.attempts - 1, maxBackoffMs, 0);
            storeRetryMono = e.dueMono;
            logFailure(e, failure, storeTrouble, e.dueMono - now);
        }
        long next = Long.MAX_VALUE;
        Set<String> heads = new HashSet<>();
        synchronized (this) {
            for (Entry e : queue) {
                if (heads.add(e.source)) next = Math.min(next, e.dueMono);
            }
        }
        return next;
    }

    /** Encodes (once: a retry keeps its sequence number) and records; null on success, else what failed. */
    private Exception attempt(Entry e) {
        try {
            if (e.message == null) e.message = encoder.alarm(e.transition);
            store.record(e.transition, e.message);
        } catch (OutboxException | RuntimeException ex) {
            return ex;
        }
        persisted++;
        synchronized (this) {
            queue.remove(e);
        }
        if (storeFailing) {
            storeFailing = false;
            LOG.info("The alarm store takes alarm transitions again ({} still queued)", unpersisted().size());
        }
        return null;
    }

    private void giveUp(Entry e, Exception last) {
        AlarmTransition t = e.transition;
        synchronized (this) {
            queue.remove(e);
            if (setAside.size() >= SET_ASIDE_KEPT) setAside.removeFirst();
            setAside.addLast(t);
        }
        LOG.error("Set aside the {} after {} failed attempts (last: {}): it is NOT stored and will NOT reach the hub; "
                        + "later transitions go on. It was: severity {}, case type {}, raised at {} (wall ms), "
                        + "transition at {} (wall ms), message '{}'", e.what(), e.attempts, last.toString(),
                t.severity(), t.caseType(), t.raisedWallMs(), t.wallMs(), t.message());
    }

    private void logFailure(Entry e, Exception failure, boolean storeTrouble, long retryInMs) {
        int queued = unpersisted().size();
        if (storeTrouble) {
            if (!storeFailing) {
                storeFailing = true;
                LOG.error("Could not persist the {}: the alarm store fails; {} transitions stay in memory and are "
                        + "retried with backoff", e.what(), queued, failure);
            } else {
                LOG.error("Could not persist the {} (attempt {}, {} queued): {}; retrying in {} ms", e.what(),
                        e.attempts, queued, failure.toString(), retryInMs);
            }
        } else if (e.ownFailures == 1) {
            String why = failure instanceof OutboxException ? "the store refused it while it stored others"
                    : "encoding or validating it failed";
            LOG.error("Could not persist the {} ({}); retrying in {} ms, set aside after {} failed attempts; other "
                    + "devices and rules go on", e.what(), why, retryInMs, SET_ASIDE_AFTER, failure);
        } else {
            LOG.error("Could not persist the {} (attempt {} of {}): {}; retrying in {} ms", e.what(), e.ownFailures,
                    SET_ASIDE_AFTER, failure.toString(), retryInMs);
        }
    }
}
