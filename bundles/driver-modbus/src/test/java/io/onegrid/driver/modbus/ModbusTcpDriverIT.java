package io.onegrid.driver.modbus;

import static io.onegrid.driver.modbus.Profiles.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Modbus TCP driver against a third-party slave (digitalpetri modbus-tcp) and against silent and closed ports. */
class ModbusTcpDriverIT {
    /** Generous for answering slaves: a loaded CI machine must not turn a slow answer into a timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    private ThirdPartySlave slave;
    private ModbusTcpDriver driver;
    private io.onegrid.profile.ProfileCatalog catalog;
    private final List<DeviceConnection> open = new ArrayList<>();

    /** 20 values in 3 blocks: 8 holding values in every wide type and word order, 6 input registers, 6 coils. */
    static DeviceProfile meter(String id, ChannelSpec... extra) {
        return meter(id, TIMEOUT, extra);
    }

    static DeviceProfile meter(String id, Duration timeout, ChannelSpec... extra) {
        List<ChannelSpec> channels = new ArrayList<>(List.of(
                channel("f32big", null, DataType.FLOAT32, Access.READ, Table.HOLDING_REGISTER, 0, WordOrder.BIG, 1, 0),
                channel("f32little", null, DataType.FLOAT32, Access.READ, Table.HOLDING_REGISTER, 2, WordOrder.LITTLE, 1, 0),
                channel("i32big", null, DataType.INT32, Access.READ, Table.HOLDING_REGISTER, 4, WordOrder.BIG, 1, 0),
                channel("i32little", null, DataType.INT32, Access.READ, Table.HOLDING_REGISTER, 6, WordOrder.LITTLE, 1, 0),
                channel("u32big", null, DataType.UINT32, Access.READ, Table.HOLDING_REGISTER, 8, WordOrder.BIG, 1, 0),
                channel("u32little", "kWh", DataType.UINT32, Access.READ, Table.HOLDING_REGISTER, 10, WordOrder.LITTLE, 0.01, 0),
                channel("f64big", null, DataType.FLOAT64, Access.READ, Table.HOLDING_REGISTER, 12, WordOrder.BIG, 1, 0),
                channel("f64little", null, DataType.FLOAT64, Access.READ, Table.HOLDING_REGISTER, 16, WordOrder.LITTLE, 1, 0),
                channel("i16", DataType.INT16, Table.INPUT_REGISTER, 100),
                channel("u16", DataType.UINT16, Table.INPUT_REGISTER, 101),
                channel("celsius", "°C", DataType.INT16, Access.READ, Table.INPUT_REGISTER, 102, WordOrder.BIG, 0.1, -40),
                channel("alarmword", DataType.BOOL, Table.INPUT_REGISTER, 103),
                channel("quietword", DataType.BOOL, Table.INPUT_REGISTER, 104),
                channel("i16b", DataType.INT16, Table.INPUT_REGISTER, 105)));
        for (int i = 0; i < 6; i++) {
            channels.add(channel("coil" + i, DataType.BOOL, Table.COIL, i));
        }
        channels.addAll(List.of(extra));
        return Profiles.profile(id, timeout, channels);
    }

    static DeviceProfile actuator() {
        return Profiles.profile("actuator", TIMEOUT, List.of(
                channel("siren", null, DataType.BOOL, Access.WRITE, Table.COIL, 7, WordOrder.BIG, 1, 0),
                channel("setpoint", "MPa", DataType.FLOAT32, Access.READ_WRITE, Table.HOLDING_REGISTER, 30, WordOrder.LITTLE, 1, 0),
                channel("level", null, DataType.UINT16, Access.READ_WRITE, Table.HOLDING_REGISTER, 40, WordOrder.BIG, 1, 0),
                channel("door", DataType.BOOL, Table.DISCRETE_INPUT, 2)));
    }

    @BeforeEach
    void start() throws Exception {
        slave = new ThirdPartySlave();
        catalog = Profiles.catalog(meter("meter"), meter("meter-impatient", SHORT_TIMEOUT),
                meter("meter-refused", channel("beyond", DataType.UINT16, Table.HOLDING_REGISTER, ThirdPartySlave.REFUSED_FROM)),
                Profiles.profile("refused-only", TIMEOUT, List.of(
                        channel("beyond", DataType.UINT16, Table.HOLDING_REGISTER, ThirdPartySlave.REFUSED_FROM + 5))),
                Profiles.hydrant(), actuator());
        driver = new ModbusTcpDriver(GatewayClock.SYSTEM, new ReadPlanner());
    }

    @AfterEach
    void stop() throws Exception {
        open.forEach(DeviceConnection::close);
        driver.close();
        slave.close();
    }

    private DeviceConnection connect(String id, String profile, String address) throws DriverException {
        DeviceConnection connection = driver.connect(new DeviceRef(id, profile, address, null, null, null),
                catalog.find(profile).orElseThrow(), r -> { });
        open.add(connection);
        return connection;
    }

    private String local(int unit) {
        return "127.0.0.1:" + slave.port() + "/" + unit;
    }

    private static Map<String, Reading> byChannel(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::channel, Function.identity()));
    }

    private static void put(ThirdPartySlave slave, int address, long raw, int words, WordOrder order) {
        slave.holding(slave.unit1, address, ModbusCodec.split(raw, words, order));
    }

    /** Every type and word order served by a third-party slave decodes right, and 20 values in 3 blocks cost 3 requests. */
    @Test
    void decodesARegisterMapInThreeRequests() throws DriverException {
        put(slave, 0, Float.floatToIntBits(0.35f), 2, WordOrder.BIG);
        put(slave, 2, Float.floatToIntBits(-17.25f), 2, WordOrder.LITTLE);
        put(slave, 4, -100_000 & 0xFFFF_FFFFL, 2, WordOrder.BIG);
        put(slave, 6, 2_000_000_000L, 2, WordOrder.LITTLE);
        put(slave, 8, 4_000_000_000L, 2, WordOrder.BIG);
        put(slave, 10, 1_234_567L, 2, WordOrder.LITTLE);
        put(slave, 12, Double.doubleToLongBits(Math.PI), 4, WordOrder.BIG);
        put(slave, 16, Double.doubleToLongBits(-2.5e-9), 4, WordOrder.LITTLE);
        slave.input(slave.unit1, 100, -300 & 0xFFFF, 65000, 655, 0x8000, 0, 7);
        boolean[] coils = {true, false, true, true, false, false};
        for (int i = 0; i < coils.length; i++) slave.coil(slave.unit1, i, coils[i]);
        DeviceConnection meter = connect("meter-1", "meter", local(1));

        Map<String, Reading> r = byChannel(meter.poll());

        assertThat(slave.requests).containsExactlyInAnyOrder(
                "unit 1 coils 0+6", "unit 1 input 100+6", "unit 1 holding 0+20");
        assertThat(r).hasSize(20);
        assertThat(r.values()).allSatisfy(reading -> assertThat(reading.quality()).isEqualTo(Quality.GOOD));
        assertThat((Double) r.get("f32big").value()).isCloseTo(0.35, within(1e-7));
        assertThat(r.get("f32little").value()).isEqualTo(-17.25);
        assertThat(r.get("i32big").value()).isEqualTo(-100_000.0);
        assertThat(r.get("i32little").value()).isEqualTo(2_000_000_000.0);
        assertThat(r.get("u32big").value()).isEqualTo(4_000_000_000.0);
        assertThat((Double) r.get("u32little").value()).isCloseTo(12_345.67, within(1e-6));
        assertThat(r.get("u32little").unit()).isEqualTo("kWh");
        assertThat(r.get("f64big").value()).isEqualTo(Math.PI);
        assertThat(r.get("f64little").value()).isEqualTo(-2.5e-9);
        assertThat(r.get("i16").value()).isEqualTo(-300.0);
        assertThat(r.get("u16").value()).isEqualTo(65000.0);
        assertThat((Double) r.get("celsius").value()).isCloseTo(25.5, within(1e-9));
        assertThat(r.get("alarmword").value()).isEqualTo(true);
        assertThat(r.get("quietword").value()).isEqualTo(false);
        assertThat(r.get("i16b").value()).isEqualTo(7.0);
        for (int i = 0; i < coils.length; i++) {
            assertThat(r.get("coil" + i).value()).as("coil %d", i).isEqualTo(coils[i]);
        }
    }

    /** An exception response spoils only the refused block; a device whose every block is refused reads BAD with the exception. */
    @Test
    void exceptionResponses() throws DriverException {
        put(slave, 0, Float.floatToIntBits(0.35f), 2, WordOrder.BIG);
        DeviceConnection partly = connect("meter-2", "meter-refused", local(1));

        Map<String, Reading> r = byChannel(partly.poll());

        assertThat(r.get("beyond").quality()).isEqualTo(Quality.BAD);
        assertThat(r.get("f32big").quality()).isEqualTo(Quality.GOOD);
        assertThat(slave.requests).contains("unit 1 holding 1000+1");

        DeviceConnection refused = connect("meter-3", "refused-only", local(1));
        assertThat(refused.poll()).isNotEmpty().allSatisfy(reading -> {
            assertThat(reading.quality()).isEqualTo(Quality.BAD);
            assertThat(reading.problem()).isEqualTo("exception 2 (illegal data address)");
        });
        // the slave is still answering on the same connection afterwards
        assertThat(byChannel(partly.poll()).get("f32big").quality()).isEqualTo(Quality.GOOD);
        assertThat(slave.connections).hasValue(1);
    }

    /** A slave that accepts and never answers costs one timeout per poll and fails it with TIMEOUT. */
    @Test
    void silentSlaveTimesOut() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(silent.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-slave");
            acceptor.setDaemon(true);
            acceptor.start();
            DeviceConnection dead = connect("dead", "meter-impatient", "127.0.0.1:" + silent.getLocalPort() + "/1");

            long started = System.nanoTime();
            assertThatThrownBy(dead::poll).isInstanceOf(DriverException.class)
                    .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.TIMEOUT))
                    .hasMessageContaining("timeout after 200 ms");
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(elapsedMs).isBetween(150L, 1_000L);
            assertThat(accepted).hasSize(1);
        } finally {
            for (Socket s : accepted) s.close();
        }
    }

    /** Nothing listening on the port is NO_ROUTE. */
    @Test
    void closedPortIsNoRoute() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        DeviceConnection nowhere = connect("nowhere", "meter", "127.0.0.1:" + port + "/1");

        assertThatThrownBy(nowhere::poll)
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.NO_ROUTE))
                .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }

    /** Two unit ids behind one host:port share one TCP connection and each read their own image. */
    @Test
    void unitsShareOneConnection() throws DriverException {
        slave.holding(slave.unit1, 0, ModbusCodec.split(Float.floatToIntBits(0.30f), 2, WordOrder.BIG));
        slave.holding(slave.unit2, 0, ModbusCodec.split(Float.floatToIntBits(0.05f), 2, WordOrder.BIG));
        DeviceConnection one = connect("h1", "hydrant-pressure-modbus", local(1));
        DeviceConnection two = connect("h2", "hydrant-pressure-modbus", local(2));

        double p1 = (Double) byChannel(one.poll()).get("pressure").value();
        double p2 = (Double) byChannel(two.poll()).get("pressure").value();

        assertThat(p1).isCloseTo(0.30, within(1e-6));
        assertThat(p2).isCloseTo(0.05, within(1e-6));
        assertThat(slave.connections).hasValue(1);
    }

    /** Writes reach the slave's coils and holding registers (function 5, 16 and 6), and read back. */
    @Test
    void writesReachTheSlave() throws DriverException {
        slave.discrete(slave.unit1, 2, true);
        DeviceConnection actuator = connect("act", "actuator", local(1));

        actuator.write("siren", true);
        actuator.write("setpoint", 0.35);
        actuator.write("level", 1234);

        assertThat(slave.coilValue(slave.unit1, 7)).isTrue();
        assertThat(slave.holdingValue(slave.unit1, 30)).isEqualTo(0x3333);
        assertThat(slave.holdingValue(slave.unit1, 31)).isEqualTo(0x3EB3);
        assertThat(slave.holdingValue(slave.unit1, 40)).isEqualTo(1234);
        assertThat(slave.requests).contains("unit 1 write coil 7", "unit 1 write registers 30+2", "unit 1 write register 40");
        Map<String, Reading> r = byChannel(actuator.poll());
        assertThat((Double) r.get("setpoint").value()).isCloseTo(0.35, within(1e-7));
        assertThat(r.get("level").value()).isEqualTo(1234.0);
        assertThat(r.get("door").value()).isEqualTo(true);
        assertThat(r).doesNotContainKey("siren");
    }

    /** The shipped hydrant-pressure-modbus profile reads pressure and status from a slave laid out as documented. */
    @Test
    void shippedHydrantProfile() throws DriverException {
        slave.holding(slave.unit1, 0, ModbusCodec.split(Float.floatToIntBits(0.08f), 2, WordOrder.BIG));
        slave.input(slave.unit1, 10, 0);
        try (ModbusTcpDriver shipped = new ModbusTcpDriver(GatewayClock.SYSTEM,
                new ReadPlanner())) {
            DeviceConnection hydrant = shipped.connect(new DeviceRef("hydrant-b1", "hydrant-pressure-modbus", local(1),
                    null, null, null), io.onegrid.profile.ProfileCatalogs.builtin().find("hydrant-pressure-modbus").orElseThrow(),
                    r -> { });
            Map<String, Reading> r = byChannel(hydrant.poll());
            hydrant.close();

            assertThat((Double) r.get("pressure").value()).isCloseTo(0.08, within(1e-6));
            assertThat(r.get("pressure").unit()).isEqualTo("MPa");
            assertThat(r.get("status").value()).isEqualTo(0.0);
        }
    }

    /** After the slave restarts, the next poll fails and a later one reconnects by itself. */
    @Test
    void reconnectsAfterTheSlaveRestarts() throws Exception {
        DeviceConnection hydrant = connect("h1", "hydrant-pressure-modbus", local(1));
        hydrant.poll();
        int port = slave.port();
        slave.close();

        assertThatThrownBy(hydrant::poll).isInstanceOf(DriverException.class)
                .satisfies(e -> assertThat(((DriverException) e).code()).isIn(Code.NO_ROUTE, Code.TIMEOUT));

        slave = new ThirdPartySlave(port);
        slave.holding(slave.unit1, 0, ModbusCodec.split(Float.floatToIntBits(0.2f), 2, WordOrder.BIG));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat((Double) byChannel(hydrant.poll()).get("pressure").value()).isCloseTo(0.2, within(1e-6)));
    }
}
