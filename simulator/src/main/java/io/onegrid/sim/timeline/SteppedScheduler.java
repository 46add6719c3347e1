package io.onegrid.sim.timeline;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Scenario time that only moves when a test says so: {@link #advanceBy}/{@link #advanceTo} run every
 * task due, in time order (equal times in the order they were scheduled), on the caller's thread.
 */
public final class SteppedScheduler implements ScenarioScheduler {
    private record Task(Duration at, long seq, Runnable body) { }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.at().equals(b.at()) ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
    private Duration now = Duration.ZERO;
    private long seq;

    @Override
    public synchronized Duration elapsed() {
        return now;
    }

    @Override
    public synchronized void at(Duration at, Runnable task) {
        queue.add(new Task(at.compareTo(now) < 0 ? now : at, seq++, task));
    }

    public void advanceBy(Duration step) {
        advanceTo(elapsed().plus(step));
    }

    /** Moves scenario time to {@code target}, running every task due by then; tasks may schedule more. */
    public void advanceTo(Duration target) {
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at().compareTo(target) > 0) {
                    if (target.compareTo(now) > 0) {
                        now = target;
                    }
                    return;
                }
                queue.poll();
                now = next.at();
            }
            next.body().run();
        }
    }

    public synchronized int pending() {
        return queue.size();
    }

    @Override
    public synchronized void close() {
        queue.clear();
    }
}
