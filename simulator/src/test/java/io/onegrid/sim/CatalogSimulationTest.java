package io.onegrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSimulationTest {
    /** Every profile of the built-in catalog loads into a scenario from the profile alone and its servers start. */
    @Test
    void everyCatalogProfileCanBeSimulated() throws Exception {
        ProfileCatalog catalog = ProfileCatalogs.builtin();
        List<DeviceProfile> profiles = catalog.all().stream().toList();
        assertThat(profiles).isNotEmpty();
        for (DeviceProfile p : profiles) {
            // GIVEN a one-device scenario naming only the profile (and where it is served)
            String where = switch (p.protocol()) {
                case "modbus-tcp" -> ", modbus: {unit: 1}";
                case "modbus-rtu" -> ", modbus: {unit: 1, bus: b}";
                default -> "";
            };
            String yaml = "name: c\nbuses: [{name: b}]\ndevices:\n  - {id: d, profile: " + p.id() + where + "}\n";
            // WHEN it is loaded and served on ephemeral ports
            Scenario s = new ScenarioLoader(catalog).parse(p.id() + ".yaml", yaml);
            try (Simulation sim = new Simulation(s)) {
                sim.startModbus("127.0.0.1", 0);
                if (s.device("d").orElseThrow().modbusRtu()) {
                    sim.startModbusRtuTcp("b", "127.0.0.1", 0);
                }
                List<?> coap = sim.startCoap("127.0.0.1", 0);
                sim.startGpio("127.0.0.1", 0);
                // THEN the device is served by the server of its protocol
                assertThat(sim.hasModbusDevices() || s.device("d").orElseThrow().modbusRtu() || !coap.isEmpty()
                        || sim.hasGpioLines()).as(p.id()).isTrue();
            }
        }
    }
}
