package io.onegrid.poller;

/** Runs a task after a delay. Injected so tests can drive time by hand. */
public interface Scheduler {
    Cancellable schedule(Runnable task, long delayMs);

    /** A scheduled task that may still be called off. */
    interface Cancellable {
        void cancel();
    }
}
