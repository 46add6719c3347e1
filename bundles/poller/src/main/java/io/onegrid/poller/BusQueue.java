package io.onegrid.poller;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
