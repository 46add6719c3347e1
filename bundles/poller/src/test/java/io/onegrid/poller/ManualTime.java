package io.onegrid.poller;

import io.onegrid.api.GatewayClock;
import java.util.PriorityQueue;

/**
 * Virtual time for deterministic tests: a clock and a scheduler in one. {@link #advance} runs due tasks
 * in time order; {@link #spend} moves the clock only, as a blocking call inside a task would.
 */
final class ManualTime implements GatewayClock, Scheduler {
    private record Task(long dueMs, long seq, Runnable run, boolean[] cancelled) { }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueMs != b.dueMs
            ? Long.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public synchronized long wallMs() {
        return 1_800_000_000_000L + now;
    }

    @Override
    public synchronized long monoMs() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMs) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + Math.max(0, delayMs), seq++, task, cancelled));
        return () -> {
            synchronized (ManualTime.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Runs every task due up to now + ms, in order, then sets the clock to that time. */
    void advance(long ms) {
        long target;
        synchronized (this) {
            target = now + ms;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMs > target) {
                    now = Math.max(now, target);
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.dueMs);
                if (next.cancelled[0]) continue;
            }
            next.run.run();
        }
    }

    /** Moves the clock without running tasks: time spent blocked inside a driver call. */
    synchronized void spend(long ms) {
        now += ms;
    }

    synchronized int scheduled() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
