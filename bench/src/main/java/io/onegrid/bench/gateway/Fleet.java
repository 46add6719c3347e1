package io.onegrid.bench.gateway;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The simulated building a bench gateway polls: {@code modbus} Modbus TCP devices on one simulator (units 1..n,
 * the four Modbus profiles of the catalog in turn: hydrant pressure, gas, electrical fire, temperature and
 * humidity) and {@code smoke} smoke detectors on GPIO lines. The default, 40 + 10, is the 50-device mix
 * docs/gateway.md#memory was measured with. Values sit in the normal range with seeded noise about one deadband
 * wide, so the report policy sends some telemetry but no threshold alarm fires.
 */
record Fleet(int modbus, int smoke) {
    static final String GATEWAY_ID = "gw-bench-01";
    static final String GATEWAY_SECRET = "gw-bench-01-secret";
    static final String SITE = "bldg-bench";

    private static final String[][] MODBUS_KINDS = {
            // id prefix, profile, initial values, noise (sigma per channel)
            {"hydrant", "hydrant-pressure-modbus", "{pressure: 0.35, status: 0}", "{pressure: 0.01}"},
            {"gas", "gas-detector-modbus", "{gas: 3.0, state: 0}", "{gas: 1.0}"},
            {"efire", "electrical-fire-modbus", "{residual-current: 40, temperature-1: 30, temperature-2: 30, "
                    + "temperature-3: 30, temperature-4: 30, alarm-bits: 0, fault-bits: 0}",
                    "{residual-current: 5, temperature-1: 0.5, temperature-2: 0.5, temperature-3: 0.5, temperature-4: 0.5}"},
            // under the 8 °C/min rate-of-rise rule between two 10 s polls
            {"th", "temperature-humidity-modbus", "{humidity: 45, temperature: 22}", "{humidity: 2, temperature: 0.2}"},
    };

    Fleet {
        if (modbus < 0 || modbus > 247) throw new IllegalArgumentException("Modbus devices: 0..247 (one unit id each), got " + modbus);
        if (smoke < 0) throw new IllegalArgumentException("smoke detectors: >= 0, got " + smoke);
    }

    int devices() {
        return modbus + smoke;
    }

    static String smokeId(int i) {
        return String.format(Locale.ROOT, "smoke-%03d", i + 1);
    }

    private static String flat(int i) {
        return String.format(Locale.ROOT, "flat%03d", i + 1);
    }

    private static String modbusId(int unit) {
        return String.format(Locale.ROOT, "%s-%02d", MODBUS_KINDS[(unit - 1) % MODBUS_KINDS.length][0], unit);
    }

    /** The simulator process's scenario: the Modbus devices, no timeline (they hold their values, with noise). */
    String modbusScenario() {
        StringBuilder y = new StringBuilder("name: bench-modbus\nseed: 7\ndevices:\n");
        for (int unit = 1; unit <= modbus; unit++) {
            String[] k = MODBUS_KINDS[(unit - 1) % MODBUS_KINDS.length];
            y.append("  - id: ").append(modbusId(unit)).append('\n')
                    .append("    profile: ").append(k[1]).append('\n')
                    .append("    modbus: {unit: ").append(unit).append("}\n")
                    .append("    initial: ").append(k[2]).append('\n')
                    .append("    noise: ").append(k[3]).append('\n');
        }
        return y.toString();
    }

    /** The in-process simulation's scenario: the smoke detectors, all clear. */
    String gpioScenario() {
        StringBuilder y = new StringBuilder("name: bench-gpio\nseed: 7\ndevices:\n");
        for (int i = 0; i < smoke; i++) {
            y.append("  - id: ").append(smokeId(i)).append('\n')
                    .append("    profile: smoke-detector-gpio\n")
                    .append("    gpio: {smoke: ").append(flat(i)).append(".smoke, siren: ").append(flat(i)).append(".siren}\n")
                    .append("    initial: {smoke: false}\n");
        }
        return y.toString();
    }

    /** The gateway's configuration file; {@code profiles} is a folder of extra profiles, or null for none. */
    String gatewayConfig(int hubPort, int modbusPort, int gpioPort, Path storage, Path profiles) {
        StringBuilder y = new StringBuilder()
                .append("gateway:\n  id: ").append(GATEWAY_ID).append('\n')
                .append("hub:\n  uri: tcp://127.0.0.1:").append(hubPort).append("\n  password: ").append(GATEWAY_SECRET).append('\n')
                .append("storage:\n  dir: ").append(storage).append('\n')
                .append("gpio:\n  backend: simulator\n  simulator: 127.0.0.1:").append(gpioPort).append('\n');
        if (profiles != null) y.append("profiles:\n  directory: ").append(profiles).append('\n');
        y.append("devices:\n");
        for (int unit = 1; unit <= modbus; unit++) {
            y.append("  - id: ").append(modbusId(unit)).append('\n')
                    .append("    profile: ").append(MODBUS_KINDS[(unit - 1) % MODBUS_KINDS.length][1]).append('\n')
                    .append("    address: 127.0.0.1:").append(modbusPort).append('/').append(unit).append('\n')
                    .append("    site: ").append(SITE).append('\n')
                    .append("    area: plant-").append(unit).append('\n');
        }
        for (int i = 0; i < smoke; i++) {
            y.append("  - id: ").append(smokeId(i)).append('\n')
                    .append("    profile: smoke-detector-gpio\n")
                    .append("    address: smoke=").append(flat(i)).append(".smoke,siren=").append(flat(i)).append(".siren\n")
                    .append("    site: ").append(SITE).append('\n')
                    .append("    unit: \"").append(flat(i).substring(4)).append("\"\n");
        }
        return y.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d devices (%d Modbus TCP: hydrant pressure, gas, electrical fire, temperature "
                + "in turn; %d GPIO smoke detectors)", devices(), modbus, smoke);
    }
}
