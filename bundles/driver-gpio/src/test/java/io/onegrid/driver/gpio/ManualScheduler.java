package io.onegrid.driver.gpio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A debounce scheduler whose time moves only when a test calls {@link #advance}. */
final class ManualScheduler implements DebounceScheduler {
    private record Task(long dueNanos, long seq, Runnable action) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long seq;

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(nowNanos + delay.toNanos(), seq++, task);
        tasks.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = nowNanos + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueNanos() <= target)
                        .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::seq)).orElse(null);
                if (next == null) {
                    nowNanos = target;
                    return;
                }
                tasks.remove(next);
                nowNanos = next.dueNanos();
            }
            next.action().run();
        }
    }

    synchronized int pending() {
        return tasks.size();
    }
}
