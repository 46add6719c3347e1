package io.onegrid.sim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated scenario: the RTU buses, the simulated devices and the timeline of changes, ordered by time
 * (steps at the same time keep their file order).
 *
 * @param seed          seeds every noise generator, so a run is repeatable
 * @param noiseInterval scenario time between two noise samples, and between two ramp updates
 * @param source        the file it came from, for messages
 */
public record Scenario(String name, String description, long seed, Duration noiseInterval, List<BusSpec> buses,
                       List<DeviceSpec> devices, List<TimelineStep> timeline, String source) {
    public Scenario {
        buses = List.copyOf(buses);
        devices = List.copyOf(devices);
        timeline = List.copyOf(timeline);
    }

    public Optional<DeviceSpec> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<BusSpec> bus(String name) {
        return buses.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The devices on one RTU bus. */
    public List<DeviceSpec> devicesOn(String bus) {
        return devices.stream().filter(d -> bus.equals(d.bus())).toList();
    }

    /** Scenario time of the last step, zero when the timeline is empty. */
    public Duration length() {
        return timeline.isEmpty() ? Duration.ZERO : timeline.get(timeline.size() - 1).at();
    }
}
