package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.GpioPoint.Direction;
import io.onegrid.profile.GpioPoint.Level;
import io.onegrid.profile.GpioPoint.Pull;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profiles the demo, simulator and hub rely on match the shared contract exactly. */
class DemoProfilesContractTest {
    private final ProfileCatalog catalog = ProfileCatalogs.builtin();

    /** hydrant-pressure-modbus: pressure float32 in holding 0..1 big-endian, status uint16 in input 10, one low-pressure rule. */
    @Test
    void hydrantPressure() {
        DeviceProfile p = catalog.find("hydrant-pressure-modbus").orElseThrow();

        assertThat(p.protocol()).isEqualTo("modbus-tcp");
        assertThat(p.channels()).extracting(ChannelSpec::id).containsExactly("pressure", "status");
        ChannelSpec pressure = p.channel("pressure").orElseThrow();
        assertThat(pressure.unit()).isEqualTo("MPa");
        assertThat(pressure.type()).isEqualTo(DataType.FLOAT32);
        assertThat(pressure.access()).isEqualTo(Access.READ);
        assertThat(pressure.modbus()).isEqualTo(new ModbusPoint(Table.HOLDING_REGISTER, 0, WordOrder.BIG, 1.0, 0.0));
        assertThat(pressure.modbus().lastAddress(pressure.type())).isEqualTo(1);
        ChannelSpec status = p.channel("status").orElseThrow();
        assertThat(status.type()).isEqualTo(DataType.UINT16);
        assertThat(status.modbus().table()).isEqualTo(Table.INPUT_REGISTER);
        assertThat(status.modbus().address()).isEqualTo(10);

        assertThat(p.alarms()).extracting(AlarmRuleSpec::id).containsExactly("low-pressure");
        AlarmRuleSpec r = p.alarms().get(0);
        assertThat(r.kind()).isEqualTo(RuleKind.THRESHOLD);
        assertThat(r.channel()).isEqualTo("pressure");
        assertThat(r.below()).isEqualTo(0.10);
        assertThat(r.above()).isNull();
        assertThat(r.hysteresis()).isEqualTo(0.02);
        assertThat(r.minDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.severity()).isEqualTo(Severity.MAJOR);
        assertThat(r.caseType()).isEqualTo("fire.hydrant-pressure-low");
        assertThat(r.actions()).isEmpty();
    }

    /** smoke-detector-gpio: smoke input (pull-up, active low, 50 ms), siren output (active high, write), smoke rule sounding the siren. */
    @Test
    void smokeDetector() {
        DeviceProfile p = catalog.find("smoke-detector-gpio").orElseThrow();

        assertThat(p.protocol()).isEqualTo("gpio");
        assertThat(p.channels()).extracting(ChannelSpec::id).containsExactly("smoke", "siren");
        ChannelSpec smoke = p.channel("smoke").orElseThrow();
        assertThat(smoke.type()).isEqualTo(DataType.BOOL);
        assertThat(smoke.access()).isEqualTo(Access.READ);
        assertThat(smoke.gpio()).isEqualTo(new GpioPoint(Direction.IN, Pull.UP, Level.LOW, Duration.ofMillis(50)));
        ChannelSpec siren = p.channel("siren").orElseThrow();
        assertThat(siren.type()).isEqualTo(DataType.BOOL);
        assertThat(siren.access()).isEqualTo(Access.WRITE);
        assertThat(siren.gpio().direction()).isEqualTo(Direction.OUT);
        assertThat(siren.gpio().activeLevel()).isEqualTo(Level.HIGH);

        assertThat(p.alarms()).extracting(AlarmRuleSpec::id).containsExactly("smoke");
        AlarmRuleSpec r = p.alarms().get(0);
        assertThat(r.kind()).isEqualTo(RuleKind.STATE);
        assertThat(r.channel()).isEqualTo("smoke");
        assertThat(r.equals()).isEqualTo(Boolean.TRUE);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.caseType()).isEqualTo("fire.smoke");
        assertThat(r.actions()).isEqualTo(List.of(new LocalAction(null, "siren", Boolean.TRUE)));
    }

    /** door-contact-gpio: one bool channel "open" and a 12-hour inactivity rule for welfare checks. */
    @Test
    void doorContact() {
        DeviceProfile p = catalog.find("door-contact-gpio").orElseThrow();

        assertThat(p.protocol()).isEqualTo("gpio");
        assertThat(p.channels()).extracting(ChannelSpec::id).containsExactly("open");
        assertThat(p.channel("open").orElseThrow().type()).isEqualTo(DataType.BOOL);
        assertThat(p.alarms()).extracting(AlarmRuleSpec::id).containsExactly("no-activity");
        AlarmRuleSpec r = p.alarms().get(0);
        assertThat(r.kind()).isEqualTo(RuleKind.INACTIVITY);
        assertThat(r.channel()).isEqualTo("open");
        assertThat(r.inactivity()).isEqualTo(Duration.ofHours(12));
        assertThat(r.windowStart()).isNull();
        assertThat(r.severity()).isEqualTo(Severity.MAJOR);
        assertThat(r.caseType()).isEqualTo("welfare.inactivity");
    }
}
