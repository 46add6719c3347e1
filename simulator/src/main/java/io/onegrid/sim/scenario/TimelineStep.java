package io.onegrid.sim.scenario;

import io.onegrid.sim.device.Behaviour;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At scenario time {@code at}, change one device: set channels (a step change), start ramps, and/or
 * change how it answers.
 *
 * @param set    channel id → new value, in file order (may be empty)
 * @param ramp   channel id → linear ramp starting now (may be empty)
 * @param behave how the device answers from now on; null = unchanged
 * @param note   what the step means to a person ("smoke in flat 302"), may be null
 * @param line   line in the scenario file
 */
public record TimelineStep(Duration at, String device, Map<String, Object> set, Map<String, Ramp> ramp,
                           Behaviour behave, String note, int line) {
    public TimelineStep {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        ramp = Collections.unmodifiableMap(new LinkedHashMap<>(ramp));
    }

    /** A step that only sets values (the original form of a step). */
    public TimelineStep(Duration at, String device, Map<String, Object> set, String note, int line) {
        this(at, device, set, Map.of(), null, note, line);
    }
}
