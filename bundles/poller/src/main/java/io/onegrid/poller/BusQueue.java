package io.onegrid.poller;

import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serialized request queue of one physical bus: jobs run one at a time, in order, on a borrowed
 * thread; different buses run in parallel. Writes jump the queue ({@link #submitFirst}) so actuation
 * waits for at most the request in flight.
 */
final class BusQueue {
    private static final Logger LOG = LoggerFactory.getLogger(BusQueue.class);
    private static final ThreadLocal<BusQueue> CURRENT = new ThreadLocal<>();

    private final String name;
    private final Executor executor;
    private final Deque<Runnable> jobs = new ArrayDeque<>(); // guarded by this
    private boolean draining;                                 // guarded by this

    BusQueue(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    String name() {
        return name;
    }

    void submit(Runnable job) {
        enqueue(job, false);
    }

    void submitFirst(Runnable job) {
        enqueue(job, true);
    }

    /** A driver call made through {@link #callFirst}. */
    interface BusCall<T> {
        T run() throws DriverException;
    }

    /**
     * Runs {@code call} on this bus ahead of waiting polls and waits for its result, so it waits for at most the
     * request in flight; gives up after {@code waitMs} (a job not yet started is then skipped, never run late).
     * {@code who} and {@code what} name the device and the call in the errors.
     */
    <T> T callFirst(String who, String what, long waitMs, BusCall<T> call) throws DriverException {
        CompletableFuture<T> done = new CompletableFuture<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        submitFirst(() -> {
            if (abandoned.get()) {
                return;
            }
            try {
                done.complete(call.run());
            } catch (DriverException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            throw new DriverException(Code.TIMEOUT, who + ": bus " + name + " did not take " + what + " within "
                    + waitMs + " ms");
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new DriverException(Code.TIMEOUT, who + ": interrupted waiting for " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DriverException driverError) throw driverError;
            throw new DriverException(Code.DEVICE_ERROR, who + ": " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Whether the calling thread is this bus's worker (so a job may act on the bus without queueing). */
    boolean isCurrentThread() {
        return CURRENT.get() == this;
    }

    synchronized int pending() {
        return jobs.size();
    }

    private void enqueue(Runnable job, boolean first) {
        synchronized (this) {
            if (first) {
                jobs.addFirst(job);
            } else {
                jobs.addLast(job);
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                draining = false;
                jobs.clear();
            }
            LOG.debug("bus {} is shut down; dropped its jobs", name);
        }
    }

    private void drain() {
        BusQueue outer = CURRENT.get();
        CURRENT.set(this);
        try {
            while (true) {
                Runnable job;
                synchronized (this) {
                    job = jobs.pollFirst();
                    if (job == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    job.run();
                } catch (RuntimeException e) {
                    LOG.error("job on bus {} failed", name, e);
                }
            }
        } finally {
            CURRENT.set(outer);
        }
    }
}
