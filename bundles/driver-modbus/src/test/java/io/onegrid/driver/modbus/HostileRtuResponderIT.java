package io.onegrid.driver.modbus;

import io.onegrid.testing.SocatPair;

import static io.onegrid.driver.modbus.Profiles.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.driver.modbus.BusSettings.Parity;
import io.onegrid.driver.modbus.HostileResponder.Mode;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint.Table;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile answers from unit 2 on a bus it shares with a well-behaved unit 1, over a socat pty pair
 * (serial) and over a TCP socket speaking RTU frames (a serial server): each ends as a BAD reading with a clear problem
 * or a TIMEOUT within the bus's bound, never a hang, and unit 1 is read correctly right after.
 */
class HostileRtuResponderIT {
    private static final int TIMEOUT_MS = 200;
    private static final int RETRIES = 1;
    private static final DeviceProfile LEVEL = ModbusRtuSocatIT.rtu("level", channel("level", DataType.UINT16,
            Table.HOLDING_REGISTER, 0), channel("flow", DataType.UINT16, Table.HOLDING_REGISTER, 1));

    @TempDir
    Path dir;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) resources.get(i).close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : List.of("serial", "rtu-tcp")) {
            cases.add(Arguments.of(line, Mode.EXCEPTION, "exception 4 (server device failure)"));
            cases.add(Arguments.of(line, Mode.BAD_CRC, "CRC error"));
            cases.add(Arguments.of(line, Mode.WRONG_UNIT, "reply from unit 7 (asked 2)"));
            cases.add(Arguments.of(line, Mode.WRONG_FUNCTION, "reply with function 4 to function 3"));
            cases.add(Arguments.of(line, Mode.SHORT, "short frame: 6 of 9 bytes"));
            cases.add(Arguments.of(line, Mode.GARBAGE, "garbage on the line (02 37)"));
            cases.add(Arguments.of(line, Mode.SILENT, null));
            // answers after 1.5 timeouts: the re-sent identical request takes that answer, which answers it too
            cases.add(Arguments.of(line, Mode.LATE, "GOOD"));
        }
        return cases.stream();
    }

    /** Unit 2 misbehaves: its channels read BAD with the problem (or its poll times out), and unit 1 reads right after. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void misbehaviourStaysWithItsUnit(String line, Mode mode, String problem) throws Exception {
        HostileResponder responder = start(line);
        ModbusRtuDriver driver = resource(ModbusRtuDriver.of(GatewayClock.SYSTEM, List.of(RtuBus.open(bus(line)))));
        DeviceConnection bad = driver.connect(new DeviceRef("tank-2", "level", "2", "riser-a", null, null), LEVEL, r -> { });
        DeviceConnection good = driver.connect(new DeviceRef("tank-1", "level", "1", "riser-a", null, null), LEVEL, r -> { });
        assertThat(good.poll()).extracting(Reading::value).containsExactly(100.0, 101.0);
        assertThat(bad.poll()).extracting(Reading::value).containsExactly(100.0, 101.0); // unit 2 has answered
        responder.mode = mode;

        long started = System.nanoTime();
        if ("GOOD".equals(problem)) {
            assertThat(bad.poll()).extracting(Reading::value).containsExactly(100.0, 101.0);
        } else if (problem == null) {
            // it answered before, so it gets its retry: (1 + retries) timeouts, no more
            assertThatThrownBy(bad::poll).isInstanceOfSatisfying(DriverException.class,
                    e -> assertThat(e.code()).isEqualTo(Code.TIMEOUT));
        } else {
            assertThat(bad.poll()).hasSize(2).allSatisfy(r -> {
                assertThat(r.quality()).isEqualTo(Quality.BAD);
                assertThat(r.problem()).startsWith(problem);
            });
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(elapsedMs).isLessThan((1L + RETRIES) * TIMEOUT_MS + 300);

        assertThat(good.poll()).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD))
                .extracting(Reading::value).containsExactly(100.0, 101.0);
        responder.mode = Mode.GOOD;
        assertThat(bad.poll()).extracting(Reading::value).containsExactly(100.0, 101.0);
    }

    private BusSettings bus(String line) {
        return line.equals("serial")
                ? BusSettings.serial("riser-a", dir.resolve("a").toString(), 19200, Parity.NONE).withTiming(TIMEOUT_MS, RETRIES)
                : BusSettings.overTcp("riser-a", "127.0.0.1", server.getLocalPort()).withTiming(TIMEOUT_MS, RETRIES);
    }

    private ServerSocket server;

    private HostileResponder start(String line) throws Exception {
        int lateMs = (int) (TIMEOUT_MS * 1.5);
        if (line.equals("serial")) {
            SocatPair cable = resource(new SocatPair(dir));
            return resource(HostileResponder.overPty(cable.b, lateMs));
        }
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return resource(HostileResponder.overTcp(server, lateMs));
    }

    private <T extends AutoCloseable> T resource(T resource) {
        resources.add(resource);
        return resource;
    }
}
