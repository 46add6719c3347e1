package io.onegrid.driver.modbus;

import static io.onegrid.driver.modbus.Profiles.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.Access;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModbusDeviceConnectionTest {
    private static final GatewayClock CLOCK = new GatewayClock() {
        @Override public long wallMs() { return 1_700_000_000_000L; }
        @Override public long monoMs() { return 42; }
    };
    private static final DeviceRef DEVICE = new DeviceRef("hydrant-1", "p", "127.0.0.1:502/1", null,
            new Coverage("site-1", null, "pump room", null), Map.of());

    private final FakeTransport slave = new FakeTransport();
    private final AtomicInteger closed = new AtomicInteger();

    private ModbusDeviceConnection connect(DeviceProfile profile) {
        try {
            return new ModbusDeviceConnection(DEVICE, 1, ModbusRoute.Endpoint.fixed(new ModbusRoute.Endpoint(slave,
                    new ReadPlanner(), 500, 0)), DevicePoints.of(profile), CLOCK, closed::incrementAndGet);
        } catch (DriverException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Reading> byChannel(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, Function.identity()));
    }

    /** The hydrant profile decodes pressure and status in two requests, stamped with the clock and units. */
    @Test
    void pollsTheHydrantProfile() throws DriverException {
        slave.set(Table.HOLDING_REGISTER, 0, 0x3EB3, 0x3333).set(Table.INPUT_REGISTER, 10, 3);
        ModbusDeviceConnection connection = connect(Profiles.hydrant());

        Map<String, Reading> readings = byChannel(connection.poll());

        assertThat(slave.requests).containsExactly("read INPUT_REGISTER 10+1", "read HOLDING_REGISTER 0+2");
        assertThat((Double) readings.get("pressure").value()).isCloseTo(0.35, within(1e-7));
        assertThat(readings.get("pressure").unit()).isEqualTo("MPa");
        assertThat(readings.get("status").value()).isEqualTo(3.0);
        assertThat(readings.values()).allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.GOOD);
            assertThat(r.deviceId()).isEqualTo("hydrant-1");
            assertThat(r.wallMs()).isEqualTo(1_700_000_000_000L);
            assertThat(r.monoMs()).isEqualTo(42);
        });
    }

    /** One undecodable channel (NaN) reads BAD while its neighbours in the same block read GOOD. */
    @Test
    void decodeFailureSpoilsOnlyThatChannel() throws DriverException {
        slave.set(Table.HOLDING_REGISTER, 0, 0x7FC0, 0, 0x4120, 0);
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                channel("broken", DataType.FLOAT32, Table.HOLDING_REGISTER, 0),
                channel("fine", DataType.FLOAT32, Table.HOLDING_REGISTER, 2))));

        Map<String, Reading> readings = byChannel(connection.poll());

        assertThat(slave.requests).hasSize(1);
        assertThat(readings.get("broken").quality()).isEqualTo(Quality.BAD);
        assertThat(readings.get("broken").value()).isNull();
        assertThat(readings.get("fine").value()).isEqualTo(10.0);
    }

    /** An exception response for one block makes its channels BAD; other blocks still read GOOD. */
    @Test
    void exceptionResponseSpoilsOnlyItsBlock() throws DriverException {
        slave.set(Table.HOLDING_REGISTER, 0, 0x3EB3, 0x3333);
        slave.unmapped = a -> a == 10;
        ModbusDeviceConnection connection = connect(Profiles.hydrant());

        Map<String, Reading> readings = byChannel(connection.poll());

        assertThat(readings.get("status").quality()).isEqualTo(Quality.BAD);
        assertThat(readings.get("pressure").quality()).isEqualTo(Quality.GOOD);
    }

    /** A device that refuses every block is still answering: its channels read BAD saying which exception, no failure. */
    @Test
    void allBlocksRefusedReadBadWithTheException() throws DriverException {
        slave.unmapped = a -> true;
        ModbusDeviceConnection connection = connect(Profiles.hydrant());

        List<Reading> readings = connection.poll();

        assertThat(readings).hasSize(2).allSatisfy(r -> {
            assertThat(r.quality()).isEqualTo(Quality.BAD);
            assertThat(r.problem()).isEqualTo("exception 2 (illegal data address)");
        });
    }

    /** A timeout on the first block fails the poll at once, without trying the remaining blocks. */
    @Test
    void timeoutAbortsThePoll() {
        slave.failure = ModbusFailure.timeout("read", 500);
        ModbusDeviceConnection connection = connect(Profiles.hydrant());

        assertThatThrownBy(connection::poll).satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.TIMEOUT));
        assertThat(slave.requests).hasSize(1);
    }

    /** A slave that refuses a merged block over an unmapped gap is read gap-free, at once and from then on. */
    @Test
    void fallsBackToGaplessReads() throws DriverException {
        slave.set(Table.HOLDING_REGISTER, 0, 7).set(Table.HOLDING_REGISTER, 4, 9);
        slave.unmapped = a -> a >= 1 && a <= 3;
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                channel("a", DataType.UINT16, Table.HOLDING_REGISTER, 0),
                channel("b", DataType.UINT16, Table.HOLDING_REGISTER, 4))));

        Map<String, Reading> first = byChannel(connection.poll());
        assertThat(first.get("a").value()).isEqualTo(7.0);
        assertThat(first.get("b").value()).isEqualTo(9.0);
        slave.requests.clear();
        connection.poll();

        assertThat(slave.requests).containsExactly("read HOLDING_REGISTER 0+1", "read HOLDING_REGISTER 4+1");
        assertThat(connection.plan()).hasSize(2);
    }

    /** Coils and discrete inputs decode as booleans; BOOL in a register is "not zero". */
    @Test
    void readsBitsAndRegisterBooleans() throws DriverException {
        slave.set(Table.COIL, 3, 1).set(Table.DISCRETE_INPUT, 0, 0).set(Table.HOLDING_REGISTER, 20, 0x0100);
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                channel("siren", DataType.BOOL, Table.COIL, 3),
                channel("door", DataType.BOOL, Table.DISCRETE_INPUT, 0),
                channel("alarm", DataType.BOOL, Table.HOLDING_REGISTER, 20))));

        Map<String, Reading> readings = byChannel(connection.poll());

        assertThat(readings.get("siren").value()).isEqualTo(true);
        assertThat(readings.get("door").value()).isEqualTo(false);
        assertThat(readings.get("alarm").value()).isEqualTo(true);
    }

    /** Channels that cannot be read at all (numeric in a coil, STRING without length) read BAD every poll. */
    @Test
    void unreadableChannelsReadBad() throws DriverException {
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                channel("level", DataType.UINT16, Table.COIL, 0),
                channel("serial", DataType.STRING, Table.HOLDING_REGISTER, 0),
                channel("ok", DataType.UINT16, Table.HOLDING_REGISTER, 5))));

        Map<String, Reading> readings = byChannel(connection.poll());

        assertThat(readings.get("level").quality()).isEqualTo(Quality.BAD);
        assertThat(readings.get("serial").quality()).isEqualTo(Quality.BAD);
        assertThat(readings.get("ok").quality()).isEqualTo(Quality.GOOD);
        assertThat(slave.requests).containsExactly("read HOLDING_REGISTER 5+1");
    }

    /** A STRING channel with a length reads its registers as ASCII. */
    @Test
    void readsStrings() throws DriverException {
        slave.set(Table.HOLDING_REGISTER, 50, 0x4F47, 0x2D31, 0x0000);
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                new io.onegrid.profile.ChannelSpec("model", "model", null, DataType.STRING, Access.READ,
                        new io.onegrid.profile.ModbusPoint(Table.HOLDING_REGISTER, 50, WordOrder.BIG, 1, 0, 3), null, null))));

        assertThat(byChannel(connection.poll()).get("model").value()).isEqualTo("OG-1");
        assertThat(slave.requests).containsExactly("read HOLDING_REGISTER 50+3");
    }

    /** Writes go to coils and holding registers through the codec; write-only channels are not polled. */
    @Test
    void writesCoilsAndHoldingRegisters() throws DriverException {
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                channel("siren", null, DataType.BOOL, Access.WRITE, Table.COIL, 3, WordOrder.BIG, 1, 0),
                channel("setpoint", "MPa", DataType.FLOAT32, Access.READ_WRITE, Table.HOLDING_REGISTER, 100,
                        WordOrder.LITTLE, 1, 0))));

        connection.write("siren", true);
        connection.write("setpoint", 0.35);

        assertThat(slave.image.get(Table.COIL).get(3)).isEqualTo(1);
        assertThat(slave.image.get(Table.HOLDING_REGISTER)).containsEntry(100, 0x3333).containsEntry(101, 0x3EB3);
        assertThat(byChannel(connection.poll())).containsOnlyKeys("setpoint");
    }

    /** Writing a read-only or unknown channel, or a value that does not fit, is refused without a request. */
    @Test
    void refusesBadWrites() {
        ModbusDeviceConnection connection = connect(Profiles.profile("p", null, List.of(
                channel("status", DataType.UINT16, Table.INPUT_REGISTER, 10),
                channel("level", null, DataType.UINT16, Access.READ_WRITE, Table.HOLDING_REGISTER, 0, WordOrder.BIG, 1, 0),
                channel("input", null, DataType.UINT16, Access.READ_WRITE, Table.INPUT_REGISTER, 1, WordOrder.BIG, 1, 0))));

        assertThatThrownBy(() -> connection.write("status", 1)).hasMessageContaining("no writable Modbus channel 'status'");
        assertThatThrownBy(() -> connection.write("nope", 1)).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> connection.write("input", 1)).hasMessageContaining("cannot write");
        assertThatThrownBy(() -> connection.write("level", -5))
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.DECODE));
        assertThat(slave.requests).isEmpty();
    }

    /** Closing releases the shared link once, and a closed connection refuses to poll. */
    @Test
    void closeReleasesOnce() {
        ModbusDeviceConnection connection = connect(Profiles.hydrant());
        connection.close();
        connection.close();

        assertThat(closed).hasValue(1);
        assertThatThrownBy(connection::poll).hasMessageContaining("closed");
    }

    /** The driver refuses an address it cannot parse, naming the device and the address. */
    @Test
    void driverRefusesABadAddress() {
        ModbusTcpDriver driver = new ModbusTcpDriver(CLOCK, new ReadPlanner());

        assertThatThrownBy(() -> driver.connect(new DeviceRef("d1", "hydrant-pressure-modbus", "10.0.0.1", null, null, null),
                Profiles.hydrant(), r -> { }))
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.BAD_ADDRESS))
                .hasMessageContaining("device d1").hasMessageContaining("'10.0.0.1'");
    }

    /** Devices on one host:port share one link, which closes when the last device leaves. */
    @Test
    void devicesOnOneEndpointShareALink() throws DriverException {
        ModbusTcpDriver driver = new ModbusTcpDriver(CLOCK, new ReadPlanner());
        var a = driver.connect(new DeviceRef("a", "hydrant-pressure-modbus", "127.0.0.1:1502/1", null, null, null), Profiles.hydrant(), r -> { });
        var b = driver.connect(new DeviceRef("b", "hydrant-pressure-modbus", "127.0.0.1:1502/2", null, null, null), Profiles.hydrant(), r -> { });
        var c = driver.connect(new DeviceRef("c", "hydrant-pressure-modbus", "127.0.0.1:1503/1", null, null, null), Profiles.hydrant(), r -> { });
        assertThat(driver.openLinks()).isEqualTo(2);

        a.close();
        assertThat(driver.openLinks()).isEqualTo(2);
        b.close();
        c.close();
        assertThat(driver.openLinks()).isZero();
    }
}
