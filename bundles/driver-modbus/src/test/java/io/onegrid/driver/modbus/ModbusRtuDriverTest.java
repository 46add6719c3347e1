package io.onegrid.driver.modbus;

import static io.onegrid.driver.modbus.ScriptedLine.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.driver.modbus.BusSettings.Parity;
import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint.Table;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModbusRtuDriverTest {
    private static final GatewayClock CLOCK = GatewayClock.system(0);
    private final BusDirectory buses = new BusDirectory();
    private final ModbusRtuDriver driver = new ModbusRtuDriver(CLOCK, buses, false);
    private final io.onegrid.profile.DeviceProfile level = Profiles.profile("level", Duration.ofMillis(100),
            List.of(Profiles.channel("level", DataType.UINT16, Table.HOLDING_REGISTER, 0)));

    private static RtuBus bus(String name, ScriptedLine line) {
        BusSettings settings = BusSettings.serial(name, "/dev/ttyS9", 9600, Parity.NONE).withTiming(50, 0);
        return new RtuBus(settings, new RtuLink(settings, line));
    }

    private static DeviceRef device(String bus, String unit) {
        return new DeviceRef("tank-1", "level", unit, bus, null, null);
    }

    /** A device naming an undeclared bus fails its connect with BAD_ADDRESS, naming the bus and the declared ones. */
    @Test
    void undeclaredBusIsABadAddress() {
        assertThatThrownBy(() -> driver.connect(device("riser-c", "3"), level, r -> { }))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.code()).isEqualTo(Code.BAD_ADDRESS))
                .hasMessage("device tank-1 is on bus 'riser-c', which is not declared under buses: (no bus is declared)");
        buses.add(bus("riser-b", new ScriptedLine()));
        buses.add(bus("riser-a", new ScriptedLine()));

        assertThatThrownBy(() -> driver.connect(device("riser-c", "3"), level, r -> { }))
                .hasMessageEndingWith("(declared: riser-a, riser-b)");
    }

    /** The unit id is a number 1..247; anything else is a BAD_ADDRESS saying so. */
    @Test
    void unitIdMustBeOneTo247() {
        buses.add(bus("riser-a", new ScriptedLine()));
        for (String unit : List.of("0", "248", "x", "")) {
            assertThatThrownBy(() -> driver.connect(device("riser-a", unit), level, r -> { }))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.code()).isEqualTo(Code.BAD_ADDRESS))
                    .hasMessageContaining("unit id '" + unit + "' is not a number 1..247");
        }
    }

    /** A device follows its bus by name: a replaced bus is used on the next poll, a withdrawn one is NO_ROUTE. */
    @Test
    void devicesFollowTheirBusByName() throws DriverException {
        ScriptedLine first = new ScriptedLine().reply(frame(3, 3, 2, 0, 1));
        RtuBus old = bus("riser-a", first);
        buses.add(old);
        DeviceConnection tank = driver.connect(device("riser-a", "3"), level, r -> { });
        assertThat(tank.poll()).extracting(Reading::value).containsExactly(1.0);

        ScriptedLine second = new ScriptedLine().reply(frame(3, 3, 2, 0, 2));
        buses.remove(old);
        old.close();
        buses.add(bus("riser-a", second));
        assertThat(tank.poll()).extracting(Reading::value).containsExactly(2.0);

        buses.remove(buses.get("riser-a"));
        assertThatThrownBy(tank::poll).isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.code()).isEqualTo(Code.NO_ROUTE))
                .hasMessageContaining("bus 'riser-a' is no longer declared");
    }
}
