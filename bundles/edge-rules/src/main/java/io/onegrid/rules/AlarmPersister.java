package io.onegrid.rules;

import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.UplinkEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Persists alarm transitions in order, off the readers' threads: encode with the {@link UplinkEncoder},
 * then {@link AlarmStateStore#record} (state and outbox message in one transaction). When the store fails
 * the transition stays at the head of an in-memory queue and is retried with exponential backoff, so an
 * alarm is never dropped and a clear never overtakes its raise.
 */
public final class AlarmPersister implements Consumer<AlarmTransition> {
    /** Runs a task after a delay; in production a single-thread scheduled executor. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AlarmPersister.class);
    private static final long FIRST_BACKOFF_MS = 500;

    private final AlarmStateStore store;
    private final UplinkEncoder encoder;
    private final Scheduler scheduler;
    private final long maxBackoffMs;
    private final Object drainLock = new Object();
    private final Deque<Entry> queue = new ArrayDeque<>();
    private boolean scheduled;
    private int failures;

    private static final class Entry {
        final AlarmTransition transition;
        OutboundMessage message;

        Entry(AlarmTransition transition) {
            this.transition = transition;
        }
    }

    public AlarmPersister(AlarmStateStore store, UplinkEncoder encoder, Scheduler scheduler, long maxBackoffMs) {
        this.store = store;
        this.encoder = encoder;
        this.scheduler = scheduler;
        this.maxBackoffMs = Math.max(FIRST_BACKOFF_MS, maxBackoffMs);
    }

    /** Queues a transition; returns at once. */
    @Override
    public void accept(AlarmTransition transition) {
        synchronized (this) {
            queue.addLast(new Entry(transition));
            if (scheduled) return;
            scheduled = true;
        }
        scheduler.schedule(this::drain, 0);
    }

    /** Transitions not yet persisted, oldest first. */
    public synchronized List<AlarmTransition> unpersisted() {
        return queue.stream().map(e -> e.transition).toList();
    }

    /** The scheduled drain: persists until the queue is empty or the store fails (then retries later). */
    void drain() {
        long retryIn = persistQueued();
        if (retryIn > 0) scheduler.schedule(this::drain, retryIn);
    }

    /** One last attempt at everything queued, on the caller's thread (shutdown); true when nothing is left. */
    public boolean flush() {
        persistQueued();
        synchronized (this) {
            return queue.isEmpty();
        }
    }

    /** Returns 0 when the queue was emptied, else the delay before the next attempt. */
    private long persistQueued() {
        synchronized (drainLock) {
            while (true) {
                Entry e;
                synchronized (this) {
                    e = queue.peekFirst();
                    if (e == null) {
                        scheduled = false;
                        return 0;
                    }
                }
                try {
                    if (e.message == null) e.message = encoder.alarm(e.transition);
                    store.record(e.transition, e.message);
                    synchronized (this) {
                        queue.pollFirst();
                        failures = 0;
                    }
                } catch (Exception ex) {
                    long delay;
                    int attempt;
                    int waiting;
                    synchronized (this) {
                        attempt = ++failures;
                        delay = Math.min(maxBackoffMs, FIRST_BACKOFF_MS << Math.min(attempt - 1, 20));
                        waiting = queue.size();
                    }
                    AlarmTransition t = e.transition;
                    String what = (t.raised() ? "raise" : "clear") + " of alarm " + t.alarmId() + " (" + t.deviceId()
                            + "/" + t.ruleId() + ")";
                    if (attempt == 1) {
                        LOG.error("Could not persist the {}; it stays in memory with {} queued and is retried", what, waiting, ex);
                    } else {
                        LOG.error("Could not persist the {} (attempt {}, {} queued): {}; retrying in {} ms",
                                what, attempt, waiting, ex.toString(), delay);
                    }
                    return delay;
                }
            }
        }
    }
}
