package io.onegrid.driver.modbus;

import io.onegrid.testing.SocatPair;

import static io.onegrid.driver.modbus.Profiles.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.driver.modbus.BusSettings.Parity;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import io.onegrid.profile.ReportSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's RTU driver on one end of a socat pty pair and a slave built on Debian's libmodbus on the other: two
 * units and a dead unit id on one bus, an exception, writes; and the TCP driver against libmodbus's TCP slave.
 */
class ModbusRtuSocatIT {
    private static final int TIMEOUT_MS = 300;
    private static final GatewayClock CLOCK = GatewayClock.SYSTEM;

    @TempDir
    Path dir;
    private SocatPair cable;
    private LibmodbusSlave slave;
    private ModbusRtuDriver driver;
    private final List<DeviceConnection> open = new ArrayList<>();

    @BeforeEach
    void wire() throws IOException {
        cable = new SocatPair(dir);
        slave = LibmodbusSlave.rtu(cable.b, 19200, 1, 2);
        BusSettings settings = BusSettings.serial("riser-a", cable.a.toString(), 19200, Parity.NONE).withTiming(TIMEOUT_MS, 1);
        driver = ModbusRtuDriver.of(CLOCK, List.of(RtuBus.open(settings)));
    }

    @AfterEach
    void unwire() {
        open.forEach(DeviceConnection::close);
        if (driver != null) driver.close();
        if (slave != null) slave.close();
        if (cable != null) cable.close();
    }

    static DeviceProfile rtu(String id, ChannelSpec... channels) {
        return new DeviceProfile(id, id, "test", "OneGrid", ModbusRtuDriver.PROTOCOL, Duration.ofSeconds(1),
                Duration.ofMillis(TIMEOUT_MS), new ReportSpec(Map.of(), Duration.ofMinutes(5)), List.of(channels), List.of(),
                "test:" + id);
    }

    /** Seven channels in four tables, one of them far off: five requests, each a contiguous read. */
    static DeviceProfile monitor() {
        return rtu("efm", channel("level", DataType.UINT16, Table.HOLDING_REGISTER, 0),
                channel("temp", DataType.INT16, Table.HOLDING_REGISTER, 1),
                channel("energy", null, DataType.UINT32, Access.READ, Table.HOLDING_REGISTER, 2, WordOrder.BIG, 1, 0),
                channel("far", DataType.UINT16, Table.HOLDING_REGISTER, 20),
                channel("in0", DataType.UINT16, Table.INPUT_REGISTER, 0),
                channel("alarm", DataType.BOOL, Table.COIL, 3),
                channel("door", DataType.BOOL, Table.DISCRETE_INPUT, 1));
    }

    private DeviceConnection connect(String id, int unit, DeviceProfile profile) throws DriverException {
        DeviceConnection c = driver.connect(new DeviceRef(id, profile.id(), String.valueOf(unit), "riser-a", null, null),
                profile, r -> { });
        open.add(c);
        return c;
    }

    private static Map<String, Reading> byChannel(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, Function.identity()));
    }

    /** Two units on one bus each read their own image, in one contiguous request per run of registers. */
    @Test
    void readsTwoUnitsOnOneBus() throws DriverException {
        DeviceConnection one = connect("efm-1", 1, monitor());
        DeviceConnection two = connect("efm-2", 2, monitor());

        Map<String, Reading> r1 = byChannel(one.poll());
        await().until(() -> slave.requests.size() >= 5); // the slave's log lines come on their own thread
        List<String> onePoll = List.copyOf(slave.requests);
        Map<String, Reading> r2 = byChannel(two.poll());

        assertThat(onePoll).containsExactly("unit=1 fc=1 addr=3 count=1", "unit=1 fc=2 addr=1 count=1",
                "unit=1 fc=4 addr=0 count=1", "unit=1 fc=3 addr=0 count=4", "unit=1 fc=3 addr=20 count=1");
        assertThat(r1.get("level").value()).isEqualTo(1000.0);
        assertThat(r1.get("temp").value()).isEqualTo(1001.0);
        assertThat(r1.get("energy").value()).isEqualTo((double) ((1002L << 16) | 1003));
        assertThat(r1.get("far").value()).isEqualTo(1020.0);
        assertThat(r1.get("in0").value()).isEqualTo(1500.0);
        assertThat(r1.get("alarm").value()).isEqualTo(true);
        assertThat(r1.get("door").value()).isEqualTo(false);
        assertThat(r2.get("level").value()).isEqualTo(2000.0);
        assertThat(r2.get("far").value()).isEqualTo(2020.0);
        assertThat(r1.values()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
    }

    /** A unit id nobody answers fails its poll with TIMEOUT after one timeout, and its neighbour is read right after. */
    @Test
    void deadUnitCostsOneTimeoutAndSparesItsNeighbour() throws DriverException {
        DeviceConnection dead = connect("efm-9", 9, monitor());
        DeviceConnection alive = connect("efm-1", 1, monitor());
        alive.poll(); // opens the line (and loads jSerialComm's native part) before anything is timed

        for (int poll = 0; poll < 2; poll++) {
            long started = System.nanoTime();
            assertThatThrownBy(dead::poll).isInstanceOfSatisfying(DriverException.class, e -> {
                assertThat(e.code()).isEqualTo(Code.TIMEOUT);
                assertThat(e.getMessage()).contains("unit 9").contains("timeout after 300 ms");
            });
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(elapsedMs).isBetween((long) TIMEOUT_MS - 10, 2L * TIMEOUT_MS - 50);

            assertThat(byChannel(alive.poll()).get("level").value()).isEqualTo(1000.0);
        }
    }

    /** A read past the slave's image gets libmodbus's exception 2: that channel reads BAD saying so, the rest GOOD. */
    @Test
    void exceptionSpoilsOnlyItsChannel() throws DriverException {
        DeviceConnection meter = connect("efm-2", 2, rtu("partly", channel("level", DataType.UINT16, Table.HOLDING_REGISTER, 0),
                channel("beyond", DataType.UINT16, Table.HOLDING_REGISTER, 150)));

        Map<String, Reading> r = byChannel(meter.poll());

        assertThat(r.get("level").value()).isEqualTo(2000.0);
        assertThat(r.get("beyond").quality()).isEqualTo(Quality.BAD);
        assertThat(r.get("beyond").problem()).isEqualTo("exception 2 (illegal data address)");
    }

    /** A coil (function 5), one register (6) and a 32-bit value (16) are written and read back from the slave. */
    @Test
    void writesCoilsAndRegisters() throws DriverException {
        DeviceConnection actuator = connect("relay-2", 2, rtu("actuator",
                channel("relay", null, DataType.BOOL, Access.READ_WRITE, Table.COIL, 5, WordOrder.BIG, 1, 0),
                channel("setpoint", null, DataType.UINT16, Access.READ_WRITE, Table.HOLDING_REGISTER, 30, WordOrder.BIG, 1, 0),
                channel("limit", null, DataType.UINT32, Access.READ_WRITE, Table.HOLDING_REGISTER, 40, WordOrder.BIG, 1, 0)));
        assertThat(byChannel(actuator.poll()).get("relay").value()).isEqualTo(false);

        actuator.write("relay", true);
        actuator.write("setpoint", 1234);
        actuator.write("limit", 70_000);
        Map<String, Reading> r = byChannel(actuator.poll());

        assertThat(r.get("relay").value()).isEqualTo(true);
        assertThat(r.get("setpoint").value()).isEqualTo(1234.0);
        assertThat(r.get("limit").value()).isEqualTo(70_000.0);
        await().untilAsserted(() -> assertThat(slave.requests).contains("unit=2 fc=5 addr=5 count=65280",
                "unit=2 fc=6 addr=30 count=1234", "unit=2 fc=16 addr=40 count=2"));
    }

    /** jSerialComm unpacked its native library under java.io.tmpdir (the IT's own), not the working directory. */
    @Test
    void serialNativesLandInTheTempDirectory() throws DriverException {
        connect("efm-1", 1, monitor()).poll();

        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assertThat(tmp.resolve("jSerialComm")).isDirectory();
        try (var files = Files.walk(Path.of("."), 2)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("libjSerialComm.so");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** RTU over TCP: socat as the serial server in front of the libmodbus slave's line, two units read through it. */
    @Test
    void rtuOverTcpThroughASerialServer() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path riser = Files.createDirectories(dir.resolve("riser"));
        try (SocatPair server = SocatPair.serialServer(riser, port);
             LibmodbusSlave behind = LibmodbusSlave.rtu(server.b, 9600, 5, 6);
             ModbusRtuDriver overTcp = ModbusRtuDriver.of(CLOCK, List.of(RtuBus.open(
                     BusSettings.overTcp("riser-b", "127.0.0.1", port).withTiming(TIMEOUT_MS, 1))))) {
            DeviceConnection five = overTcp.connect(new DeviceRef("efm-5", "efm", "5", "riser-b", null, null), monitor(), r -> { });
            DeviceConnection six = overTcp.connect(new DeviceRef("efm-6", "efm", "6", "riser-b", null, null), monitor(), r -> { });

            // socat makes its pty before it listens: the first connect may come before the port is open
            await().untilAsserted(() -> assertThat(byChannel(five.poll()).get("level").value()).isEqualTo(5000.0));
            assertThat(byChannel(six.poll()).get("far").value()).isEqualTo(6020.0);
            await().untilAsserted(() -> assertThat(behind.requests).contains("unit=6 fc=3 addr=0 count=4"));
        }
    }

    /** The TCP driver reads and writes libmodbus's TCP slave (issue 8: a slave built on Debian's libmodbus). */
    @Test
    void tcpDriverReadsLibmodbus() throws Exception {
        try (LibmodbusSlave tcp = LibmodbusSlave.tcp(); ModbusTcpDriver tcpDriver = new ModbusTcpDriver(CLOCK, new ReadPlanner())) {
            DeviceProfile profile = new DeviceProfile("tcp-meter", "tcp-meter", "test", "OneGrid", ModbusTcpDriver.PROTOCOL,
                    Duration.ofSeconds(1), Duration.ofSeconds(2), new ReportSpec(Map.of(), Duration.ofMinutes(5)), List.of(
                    channel("level", DataType.UINT16, Table.HOLDING_REGISTER, 0),
                    channel("in0", DataType.UINT16, Table.INPUT_REGISTER, 0),
                    channel("setpoint", null, DataType.UINT16, Access.READ_WRITE, Table.HOLDING_REGISTER, 30, WordOrder.BIG, 1, 0)),
                    List.of(), "test:tcp-meter");
            DeviceConnection meter = tcpDriver.connect(new DeviceRef("m", "tcp-meter", "127.0.0.1:" + tcp.port() + "/1",
                    null, null, null), profile, r -> { });

            Map<String, Reading> r = byChannel(meter.poll());
            assertThat(r.get("level").value()).isEqualTo(1000.0);
            assertThat(r.get("in0").value()).isEqualTo(1500.0);

            meter.write("setpoint", 4321);
            await().untilAsserted(() -> assertThat(byChannel(meter.poll()).get("setpoint").value()).isEqualTo(4321.0));
            meter.close();
        }
    }
}
