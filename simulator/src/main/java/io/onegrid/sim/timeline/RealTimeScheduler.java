package io.onegrid.sim.timeline;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Scenario time on the wall clock, optionally accelerated: with speed 10 a step at t+30s runs 3 s after
 * start. Tasks run on one daemon thread, in time order.
 */
public final class RealTimeScheduler implements ScenarioScheduler {
    private final double speed;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final ScheduledExecutorService executor;

    public RealTimeScheduler(double speed) {
        this(speed, System::nanoTime);
    }

    RealTimeScheduler(double speed, LongSupplier nanoTime) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a number > 0, not " + speed);
        }
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-timeline");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Duration elapsed() {
        return Duration.ofNanos(Math.round((nanoTime.getAsLong() - startNanos) * speed));
    }

    @Override
    public void at(Duration at, Runnable task) {
        long dueNanos = startNanos + Math.round(at.toNanos() / speed);
        long delay = Math.max(0, dueNanos - nanoTime.getAsLong());
        try {
            executor.schedule(task, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the scenario is over, later tasks (noise ticks) simply do not run
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
