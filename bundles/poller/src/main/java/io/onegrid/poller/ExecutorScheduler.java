package io.onegrid.poller;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link Scheduler}: one daemon timer thread; tasks must be short (they only enqueue work). */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    public ExecutorScheduler(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("scheduled task failed", e);
            }
        };
        try {
            ScheduledFuture<?> future = executor.schedule(guarded, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return () -> { }; // shut down: nothing runs any more
        }
    }

    /** Drops waiting tasks, lets a running one finish (briefly), then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
