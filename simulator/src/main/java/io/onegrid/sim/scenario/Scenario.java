package io.onegrid.sim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated scenario: the simulated devices and the timeline of value changes, ordered by time
 * (steps at the same time keep their file order).
 *
 * @param seed          seeds every noise generator, so a run is repeatable
 * @param noiseInterval scenario time between two noise samples
 * @param source        the file it came from, for messages
 */
public record Scenario(String name, String description, long seed, Duration noiseInterval,
                       List<DeviceSpec> devices, List<TimelineStep> timeline, String source) {
    public Scenario {
        devices = List.copyOf(devices);
        timeline = List.copyOf(timeline);
    }

    public Optional<DeviceSpec> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Scenario time of the last step, zero when the timeline is empty. */
    public Duration length() {
        return timeline.isEmpty() ? Duration.ZERO : timeline.get(timeline.size() - 1).at();
    }
}
