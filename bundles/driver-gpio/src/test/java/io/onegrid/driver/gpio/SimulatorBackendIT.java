package io.onegrid.driver.gpio;

import io.onegrid.api.DriverException;
import io.onegrid.profile.GpioPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator backend against a real TCP server speaking the GPIO simulator protocol. */
class SimulatorBackendIT {
    private FakeGpioSimulator simulator;
    private SimulatorBackend backend;
    private final List<LineLevel> smokeEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSimulatorAndBackend() throws IOException {
        simulator = new FakeGpioSimulator(Map.of("flat302.smoke", 1, "flat302.siren", 0));
        backend = new SimulatorBackend(simulator.address(), Duration.ofMillis(20), Duration.ofMillis(200)).start();
        await().until(backend::connected);
    }

    @AfterEach
    void stop() throws IOException {
        backend.close();
        simulator.close();
    }

    private GpioBackend.InputLine openSmoke() throws DriverException {
        return backend.openInput("flat302.smoke", GpioPoint.Pull.UP, smokeEvents::add);
    }

    /** After HELLO the snapshot gives every line its level. */
    @Test
    void snapshotGivesLevels() throws DriverException {
        GpioBackend.InputLine smoke = openSmoke();

        await().until(() -> smoke.level() == LineLevel.HIGH);
        assertThat(backend.openInput("flat302.siren", GpioPoint.Pull.NONE, l -> { }).level()).isEqualTo(LineLevel.LOW);
    }

    /** A LINE change from the simulator reaches the line's listener. */
    @Test
    void changeReachesListener() throws DriverException {
        GpioBackend.InputLine smoke = openSmoke();

        simulator.set("flat302.smoke", 0);

        await().until(() -> smokeEvents.contains(LineLevel.LOW));
        assertThat(smoke.level()).isEqualTo(LineLevel.LOW);
    }

    /** Opening and setting an output sends SET lines, which the simulator records. */
    @Test
    void outputSendsSet() throws DriverException {
        GpioBackend.OutputLine siren = backend.openOutput("flat302.siren", LineLevel.LOW);

        siren.set(LineLevel.HIGH);

        await().until(() -> simulator.received.contains("SET flat302.siren 1"));
        assertThat(simulator.received).containsSubsequence("SET flat302.siren 0", "SET flat302.siren 1");
        await().until(() -> simulator.lines.get("flat302.siren") == 1);
    }

    /**
     * When the simulator goes away lines read UNKNOWN and writes fail; when it is back on the same port the
     * backend reconnects, the snapshot re-syncs levels and set outputs are driven again.
     */
    @Test
    void reconnectsAfterServerRestart() throws Exception {
        GpioBackend.InputLine smoke = openSmoke();
        GpioBackend.OutputLine siren = backend.openOutput("flat302.siren", LineLevel.LOW);
        siren.set(LineLevel.HIGH);
        await().until(() -> simulator.received.contains("SET flat302.siren 1"));

        simulator.stop();
        await().until(() -> !smokeEvents.isEmpty() && smokeEvents.get(smokeEvents.size() - 1) == LineLevel.UNKNOWN);
        assertThat(backend.connected()).isFalse();
        assertThat(smoke.level()).isEqualTo(LineLevel.UNKNOWN);
        assertThat(backend.describeUnknown("flat302.smoke")).contains("not connected");
        assertThatThrownBy(() -> siren.set(LineLevel.LOW))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.NO_ROUTE))
                .hasMessageContaining("flat302.siren");

        simulator.received.clear();
        simulator.lines.put("flat302.smoke", 0);
        simulator.lines.put("flat302.siren", 0);
        simulator.restart();

        await().until(() -> backend.connected() && smoke.level() == LineLevel.LOW);
        assertThat(smokeEvents).endsWith(LineLevel.UNKNOWN, LineLevel.LOW);
        await().until(() -> simulator.received.contains("SET flat302.siren 1"));
        assertThat(backend.connects()).isEqualTo(2);
    }

    /** A garbled line is dropped and counted; the connection stays up and later lines still count. */
    @Test
    void garbageLineIsDroppedAndConnectionKept() throws DriverException {
        openSmoke();

        simulator.broadcast("LINE flat302.smoke 7\nHELLO?\nLINE\n");
        simulator.broadcast(new byte[]{'L', 'I', 'N', 'E', ' ', (byte) 0xff, (byte) 0xfe, ' ', '1', '\n'});
        simulator.set("flat302.smoke", 0);

        await().until(() -> smokeEvents.contains(LineLevel.LOW));
        assertThat(backend.rejectedLines()).isEqualTo(4);
        assertThat(backend.connected()).isTrue();
        assertThat(backend.connects()).isEqualTo(1);
    }

    /** A line longer than the limit is skipped to its end without buffering it; the next line still counts. */
    @Test
    void oversizedLineIsDroppedAndConnectionKept() throws DriverException {
        openSmoke();
        char[] huge = new char[100_000];
        Arrays.fill(huge, 'x');

        simulator.broadcast("LINE flat302.smoke " + new String(huge) + "\n");
        simulator.set("flat302.smoke", 0);

        await().until(() -> smokeEvents.contains(LineLevel.LOW));
        assertThat(backend.rejectedLines()).isEqualTo(1);
        assertThat(backend.connects()).isEqualTo(1);
    }

    /** An ERR answer from the simulator is logged, not treated as garbage, and the connection stays. */
    @Test
    void errAnswerKeepsConnection() throws DriverException {
        openSmoke();

        simulator.broadcast("ERR unknown command 'FOO'\n");
        simulator.set("flat302.smoke", 0);

        await().until(() -> smokeEvents.contains(LineLevel.LOW));
        assertThat(backend.rejectedLines()).isZero();
    }

    /** A peer that does not greet with the simulator's HELLO is never treated as connected. */
    @Test
    void wrongHelloIsNotAConnection() throws IOException {
        try (FakeGpioSimulator other = new FakeGpioSimulator(Map.of("a", 1))) {
            other.hello("SSH-2.0-OpenSSH_9.2");
            SimulatorBackend wrong = new SimulatorBackend(other.address(), Duration.ofMillis(20), Duration.ofMillis(50)).start();
            try {
                await().until(() -> wrong.describeUnknown("a").contains("not a GPIO simulator"));
                assertThat(wrong.connected()).isFalse();
                assertThat(wrong.connects()).isZero();
            } finally {
                wrong.close();
            }
        }
    }

    /** With nothing listening the backend keeps trying and says why lines are unknown. */
    @Test
    void absentSimulatorReadsUnknown() throws IOException, DriverException {
        simulator.stop();
        SimulatorBackend absent = new SimulatorBackend(simulator.address(), Duration.ofMillis(20), Duration.ofMillis(50)).start();
        try {
            GpioBackend.InputLine line = absent.openInput("flat302.smoke", GpioPoint.Pull.UP, l -> { });
            assertThat(line.level()).isEqualTo(LineLevel.UNKNOWN);
            await().until(() -> absent.describeUnknown("flat302.smoke").contains("refused"));
        } finally {
            absent.close();
        }
    }
}
