package io.onegrid.hub.ingest;

import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.StoreOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: ops submitted from any thread are gathered for up to {@code linger} (or until
 * {@code maxBatch}) by one writer thread, committed in one transaction, and only then reported, each with
 * its own {@link IngestResult}. A failed commit reports every op of the batch as failed (retry later).
 * The queue is bounded: when full, {@link #submit} reports failure at once instead of growing without end.
 *
 * <p>The same thread runs housekeeping (retention) as a sequence of small steps, one step between two
 * batches: every {@code maintenanceInterval} it starts, and it goes on while a step reports that more is
 * left. SQLite has one writer anyway; interleaving keeps each wait for an acknowledgement short.
 */
public final class IngestBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestBatcher.class);

    private record Pending(StoreOp op, Consumer<IngestResult> done) { }

    private final HubStore store;
    private final long lingerNanos;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final RateLimitedLog storageErrors = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private final BooleanSupplier maintenanceStep;
    private final long maintenanceIntervalNanos;
    private volatile boolean running = true;

    public IngestBatcher(HubStore store, Duration linger, int maxBatch) {
        this(store, linger, maxBatch, () -> false, Duration.ofDays(365));
    }

    /**
     * @param maintenanceStep     one small unit of housekeeping; returns true if more is left to do now
     * @param maintenanceInterval how often housekeeping starts (the first time right after start)
     */
    public IngestBatcher(HubStore store, Duration linger, int maxBatch, BooleanSupplier maintenanceStep,
                         Duration maintenanceInterval) {
        this.store = store;
        this.lingerNanos = linger.toNanos();
        this.maxBatch = maxBatch;
        this.maintenanceStep = maintenanceStep;
        this.maintenanceIntervalNanos = maintenanceInterval.toNanos();
        this.queue = new LinkedBlockingQueue<>(queueCapacity(maxBatch));
        this.writer = new Thread(this::run, "hub-ingest-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * How many ops wait at most, shared by all gateways: what one gateway may hold of it is bounded per session
     * (Receive Maximum for QoS 1, the same number for QoS 0), so one cannot fill it for the others.
     */
    public static int queueCapacity(int maxBatch) {
        return Math.max(1000, maxBatch * 20);
    }

    /** False once {@link #close} began: submissions are refused, so retrying them is pointless. */
    public boolean isOpen() {
        return running;
    }

    /**
     * Queues an op; {@code done} runs on the writer thread after the commit (or at once, with a failure,
     * when the hub is stopping or the queue is full). It must not block.
     */
    public void submit(StoreOp op, Consumer<IngestResult> done) {
        if (!running || !queue.offer(new Pending(op, done))) {
            done.accept(IngestResult.failed(running ? "ingest queue full" : "hub stopping"));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        long nextMaintenance = System.nanoTime();
        boolean maintaining = false;
        while (running || !queue.isEmpty()) {
            try {
                if (running && (maintaining || System.nanoTime() - nextMaintenance >= 0)) {
                    maintaining = maintain();
                    if (!maintaining) nextMaintenance = System.nanoTime() + maintenanceIntervalNanos;
                }
                Pending first = maintaining ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                long deadline = System.nanoTime() + lingerNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) break;
                    batch.add(next);
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> report(p, IngestResult.failed("hub stopping")));
    }

    /** One housekeeping step; a failure is logged and ends this round (the next round comes at the interval). */
    private boolean maintain() {
        try {
            return maintenanceStep.getAsBoolean();
        } catch (RuntimeException e) {
            storageErrors.warn("maintenance", "housekeeping failed (retried later): {}", e.getMessage());
            return false;
        }
    }

    private void commit(List<Pending> batch) {
        List<StoreOp> ops = new ArrayList<>(batch.size());
        batch.forEach(p -> ops.add(p.op()));
        List<IngestResult> results;
        try {
            results = store.apply(ops);
        } catch (RuntimeException e) {
            storageErrors.warn("storage", "could not commit {} messages (they will be retried by the gateways): {}",
                    batch.size(), e.getMessage());
            IngestResult failed = IngestResult.failed("storage unavailable");
            batch.forEach(p -> report(p, failed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            report(batch.get(i), results.get(i));
        }
    }

    private static void report(Pending p, IngestResult r) {
        try {
            p.done().accept(r);
        } catch (RuntimeException e) {
            LOG.warn("ingest callback failed: {}", e.toString());
        }
    }

    /** Stops taking ops, commits what is queued, and waits for the writer (bounded). */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
