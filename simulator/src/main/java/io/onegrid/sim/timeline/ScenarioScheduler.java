package io.onegrid.sim.timeline;

import java.time.Duration;

/**
 * Runs tasks at points of scenario time (time since the scenario started). Real time, accelerated
 * time and stepped test time are implementations; the timeline does not know which it runs on.
 */
public interface ScenarioScheduler extends AutoCloseable {
    /** Scenario time elapsed now. */
    Duration elapsed();

    /** Runs {@code task} once scenario time reaches {@code at} (at once if it already has). Tasks run one at a time, in time order. */
    void at(Duration at, Runnable task);

    @Override
    void close();
}
