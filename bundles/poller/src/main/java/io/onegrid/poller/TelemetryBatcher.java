package io.onegrid.poller;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects reported readings into telemetry batches: a batch leaves {@code flushMs} after its first
 * reading, or at once when it holds {@code maxBatch}. Batches are handed to the sink on the scheduler's
 * thread, never on the caller's (a bus thread must not wait for the outbox). When the sink falls behind,
 * at most {@code maxPending} readings wait and the oldest are dropped first (telemetry is best-effort).
 */
final class TelemetryBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryBatcher.class);

    private final Consumer<List<Reading>> sink;
    private final Scheduler scheduler;
    private final int maxBatch;
    private final long flushMs;
    private final int maxPending;
    private final RateLimiter dropWarnings;
    private final List<Reading> pending = new ArrayList<>(); // guarded by this
    private Scheduler.Cancellable timer;                     // guarded by this
    private boolean flushQueued;                             // guarded by this
    private long dropped;                                    // guarded by this

    TelemetryBatcher(Consumer<List<Reading>> sink, Scheduler scheduler, GatewayClock clock, int maxBatch, long flushMs,
                     int maxPending) {
        this.sink = sink;
        this.scheduler = scheduler;
        this.maxBatch = Math.max(1, maxBatch);
        this.flushMs = Math.max(0, flushMs);
        this.maxPending = Math.max(this.maxBatch, maxPending);
        this.dropWarnings = new RateLimiter(clock, 60_000);
    }

    void add(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        long droppedNow = 0;
        synchronized (this) {
            pending.addAll(readings);
            int excess = pending.size() - maxPending;
            if (excess > 0) {
                pending.subList(0, excess).clear();
                dropped += excess;
                droppedNow = excess;
            }
            if (pending.size() >= maxBatch) {
                if (!flushQueued) {
                    flushQueued = true;
                    cancelTimer();
                    scheduler.schedule(this::flush, 0);
                }
            } else if (timer == null && !flushQueued) {
                timer = scheduler.schedule(this::flush, flushMs);
            }
        }
        if (droppedNow > 0 && dropWarnings.tryAcquire() >= 0) {
            LOG.warn("telemetry is not leaving fast enough; dropped the {} oldest readings ({} in all)", droppedNow, droppedTotal());
        }
    }

    /** Hands everything pending to the sink, in batches of at most maxBatch. */
    void flush() {
        while (true) {
            List<Reading> batch;
            synchronized (this) {
                flushQueued = false;
                cancelTimer();
                if (pending.isEmpty()) {
                    return;
                }
                int size = Math.min(maxBatch, pending.size());
                batch = List.copyOf(pending.subList(0, size));
                pending.subList(0, size).clear();
            }
            sink.accept(batch);
        }
    }

    synchronized long droppedTotal() {
        return dropped;
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private void cancelTimer() { // holding this
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
