package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.GpioPoint.Direction;
import io.onegrid.profile.GpioPoint.Level;
import io.onegrid.profile.ModbusPoint.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog's field-device profiles (beyond the demo contract) have the register maps, resources and lines of
 * the products they imitate, and alarm rules worth having; catalog-wide habits hold for every shipped file.
 */
class CatalogProfilesTest {
    private final ProfileCatalog catalog = ProfileCatalogs.builtin();

    private DeviceProfile profile(String id) {
        return catalog.find(id).orElseThrow();
    }

    private static AlarmRuleSpec rule(DeviceProfile p, String id) {
        return p.alarm(id).orElseThrow();
    }

    /** environment-sensor-coap: four observable JSON values on two resources with pointers, a polled text status. */
    @Test
    void environmentSensorCoap() {
        DeviceProfile p = profile("environment-sensor-coap");

        assertThat(p.protocol()).isEqualTo("coap");
        assertThat(p.channels()).extracting(ChannelSpec::id).containsExactly("temperature", "humidity", "pm25", "co2", "status");
        assertThat(p.channel("temperature").orElseThrow().coap()).isEqualTo(new CoapPoint("/sensors/climate", 50, true, "/temperature"));
        assertThat(p.channel("humidity").orElseThrow().coap()).isEqualTo(new CoapPoint("/sensors/climate", 50, true, "/humidity"));
        assertThat(p.channel("pm25").orElseThrow().coap()).isEqualTo(new CoapPoint("/sensors/air", 50, true, "/pm25"));
        assertThat(p.channel("co2").orElseThrow().coap()).isEqualTo(new CoapPoint("/sensors/air", 50, true, "/co2"));
        assertThat(p.channel("status").orElseThrow().coap()).isEqualTo(new CoapPoint("/device/status", 50, false, "/code"));
        assertThat(rule(p, "pm25-high").above()).isEqualTo(75.0);
        assertThat(rule(p, "co2-high").above()).isEqualTo(1500.0);
        assertThat(rule(p, "rapid-rise").kind()).isEqualTo(RuleKind.RATE);
        assertThat(rule(p, "sensor-fault").above()).isEqualTo(0.0);
        assertThat(p.report().deadband()).containsOnlyKeys("temperature", "humidity", "pm25", "co2");
    }

    /** electrical-fire-rtu: holding registers 0-6 contiguous (one request), writable alarm points, a write-only reset. */
    @Test
    void electricalFireRtu() {
        DeviceProfile p = profile("electrical-fire-rtu");

        assertThat(p.protocol()).isEqualTo("modbus-rtu");
        assertThat(p.channels()).allSatisfy(c -> assertThat(c.modbus().table()).isEqualTo(Table.HOLDING_REGISTER));
        assertThat(p.channels().subList(0, 7)).extracting(c -> c.modbus().address()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(p.channel("temperature-3").orElseThrow().modbus().scale()).isEqualTo(0.1);
        assertThat(p.channel("residual-current-setpoint").orElseThrow().access()).isEqualTo(Access.READ_WRITE);
        assertThat(p.channel("reset").orElseThrow().access()).isEqualTo(Access.WRITE);
        assertThat(p.channel("reset").orElseThrow().modbus().address()).isEqualTo(0x20);
        assertThat(rule(p, "residual-current-high").above()).isEqualTo(300.0);
        assertThat(p.alarms()).filteredOn(r -> r.id().startsWith("overheat-")).hasSize(4)
                .allSatisfy(r -> assertThat(r.above()).isEqualTo(70.0));
        assertThat(rule(p, "offline").kind()).isEqualTo(RuleKind.COMM_FAULT);
    }

    /** gas-detector-rtu: two alarm levels (level 2 closes the valve), a fault word, writable alarm points. */
    @Test
    void gasDetectorRtu() {
        DeviceProfile p = profile("gas-detector-rtu");

        assertThat(p.protocol()).isEqualTo("modbus-rtu");
        assertThat(p.channel("gas").orElseThrow().modbus()).isEqualTo(new ModbusPoint(Table.INPUT_REGISTER, 0,
                ModbusPoint.WordOrder.BIG, 0.1, 0.0));
        assertThat(p.channel("shutoff").orElseThrow().modbus().table()).isEqualTo(Table.COIL);
        assertThat(p.channel("state").orElseThrow().labels()).containsOnly(Map.entry(0L, "normal"),
                Map.entry(1L, "level-1 alarm"), Map.entry(2L, "level-2 alarm"), Map.entry(3L, "fault"), Map.entry(4L, "warming up"));
        assertThat(rule(p, "gas-level1").above()).isEqualTo(20.0);
        assertThat(rule(p, "gas-level1").severity()).isEqualTo(Severity.MAJOR);
        AlarmRuleSpec level2 = rule(p, "gas-level2");
        assertThat(level2.above()).isEqualTo(50.0);
        assertThat(level2.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(level2.actions()).containsExactly(new LocalAction(null, "shutoff", Boolean.TRUE));
        assertThat(rule(p, "sensor-fault").channel()).isEqualTo("fault-word");
    }

    /** manual-call-point-gpio: a latching active-low contact raising a critical fire alarm that lights the lamp. */
    @Test
    void manualCallPoint() {
        DeviceProfile p = profile("manual-call-point-gpio");

        assertThat(p.channel("activated").orElseThrow().gpio()).isEqualTo(new GpioPoint(Direction.IN, GpioPoint.Pull.UP,
                Level.LOW, Duration.ofMillis(50)));
        assertThat(p.channel("lamp").orElseThrow().gpio().direction()).isEqualTo(Direction.OUT);
        AlarmRuleSpec r = rule(p, "call-point");
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.caseType()).isEqualTo("fire.manual-call-point");
        assertThat(r.minDuration()).as("a press is never delayed").isNull();
        assertThat(r.actions()).containsExactly(new LocalAction(null, "lamp", Boolean.TRUE));
    }

    /** water-flow-switch-gpio: flow for 10 s is a critical fire alarm; a valve off open for a minute is a fault. */
    @Test
    void waterFlowSwitch() {
        DeviceProfile p = profile("water-flow-switch-gpio");

        assertThat(p.channels()).extracting(ChannelSpec::id).containsExactly("flow", "valve-closed");
        assertThat(rule(p, "water-flow").minDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rule(p, "water-flow").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(rule(p, "valve-closed").minDuration()).isEqualTo(Duration.ofMinutes(1));
    }

    /** water-tank-level-rtu: the loop current in uA scales to 0 m at 4 mA and 5 m at 20 mA. */
    @Test
    void waterTankLevel() {
        ModbusPoint level = profile("water-tank-level-rtu").channel("level").orElseThrow().modbus();

        assertThat(4000 * level.scale() + level.offset()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(20000 * level.scale() + level.offset()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rule(profile("water-tank-level-rtu"), "low-level").below()).isEqualTo(1.0);
    }

    /**
     * Every shipped file starts with a comment on the product it imitates; every measured value (a readable
     * numeric channel with a unit) has a report deadband; every limit a message can show is a placeholder, so
     * an instance's own threshold is what the hub is told.
     */
    @Test
    void catalogWideHabits() throws IOException {
        for (String name : ProfileCatalogs.builtinFileNames()) {
            String text = Files.readString(ProfileCatalogsTest.SHIPPED.resolve(name));
            assertThat(text).as(name + " starts with what it imitates").startsWith("# ");
        }
        for (DeviceProfile p : catalog.all()) {
            Map<String, Double> deadband = p.report().deadband();
            for (ChannelSpec c : p.channels()) {
                if (c.unit() != null && ChannelReader.isNumeric(c.type()) && c.access() != Access.WRITE) {
                    assertThat(deadband).as(p.id() + " deadband of " + c.id()).containsKey(c.id());
                }
            }
            for (AlarmRuleSpec r : p.alarms()) {
                String unit = r.channel() == null ? null : p.channel(r.channel()).orElseThrow().unit();
                List<String> needed = switch (r.kind()) {
                    case THRESHOLD -> unit == null ? List.of() : r.above() != null ? List.of("{above}") : List.of("{below}");
                    case RATE -> List.of("{ratePerMinute}");
                    case INACTIVITY -> List.of("{inactivity}");
                    default -> List.of();
                };
                assertThat(r.message()).as(p.id() + " rule " + r.id() + " message").isNotBlank();
                for (String placeholder : needed) assertThat(r.message()).as(p.id() + " rule " + r.id()).contains(placeholder);
            }
        }
    }
}
