package io.onegrid.driver.gpio;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task once after a delay; injected so tests can drive debounce time by hand. */
@FunctionalInterface
public interface DebounceScheduler {

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, Duration delay);

    /** Schedules on a real executor. */
    static DebounceScheduler on(ScheduledExecutorService executor) {
        return (task, delay) -> {
            var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
