package io.onegrid.sim.scenario;

import io.onegrid.profile.DeviceProfile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated device of a scenario.
 *
 * @param modbusUnit Modbus unit id (1..247) for a Modbus profile, null otherwise
 * @param gpioLines  channel id → simulator line name, for every channel of a GPIO profile; empty otherwise
 * @param initial    channel id → starting value (already of the channel's value kind)
 * @param noise      channel id → standard deviation of the gaussian noise added to that numeric channel
 * @param line       line in the scenario file where the device is declared
 */
public record DeviceSpec(String id, DeviceProfile profile, Integer modbusUnit, Map<String, String> gpioLines,
                         Map<String, Object> initial, Map<String, Double> noise, int line) {
    public DeviceSpec {
        gpioLines = ordered(gpioLines);
        initial = ordered(initial);
        noise = ordered(noise);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
