package io.onegrid.sim.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * At scenario time {@code at}, set the listed channels of one device.
 *
 * @param set  channel id → new value, in file order
 * @param note what the step means to a person ("smoke in flat 302"), may be null
 * @param line line in the scenario file
 */
public record TimelineStep(Duration at, String device, Map<String, Object> set, String note, int line) {
    public TimelineStep {
        set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
    }
}
