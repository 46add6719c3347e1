package io.onegrid.sim.scenario;

import io.onegrid.profile.DeviceProfile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated device of a scenario.
 *
 * @param modbusUnit Modbus unit id (1..247) for a Modbus profile, null otherwise
 * @param bus        the {@link BusSpec#name()} of the RTU line the device hangs on; null = served over Modbus TCP
 * @param coapPort   UDP port of a CoAP device's own server (0 = the next one from {@code --coap-port}); null
 *                   for other protocols
 * @param gpioLines  channel id → simulator line name, for every channel of a GPIO profile; empty otherwise
 * @param initial    channel id → starting value (already of the channel's value kind)
 * @param noise      channel id → standard deviation of the gaussian noise added to that numeric channel
 * @param line       line in the scenario file where the device is declared
 */
public record DeviceSpec(String id, DeviceProfile profile, Integer modbusUnit, String bus, Integer coapPort,
                         Map<String, String> gpioLines, Map<String, Object> initial, Map<String, Double> noise,
                         int line) {
    public DeviceSpec {
        gpioLines = ordered(gpioLines);
        initial = ordered(initial);
        noise = ordered(noise);
    }

    /** Served by the Modbus TCP server (a Modbus device on no RTU bus). */
    public boolean modbusTcp() {
        return modbusUnit != null && bus == null;
    }

    public boolean modbusRtu() {
        return modbusUnit != null && bus != null;
    }

    public boolean coap() {
        return coapPort != null;
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
