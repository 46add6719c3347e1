package io.onegrid.driver.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DriverException;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The whole driver on the simulator backend over real TCP, with the real debounce timer thread. */
class GpioDriverSimulatorIT {
    private static final String ADDRESS = "smoke=flat302.smoke,siren=flat302.siren";
    private final RecordingSink sink = new RecordingSink();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private FakeGpioSimulator simulator;
    private GpioDriver driver;

    @BeforeEach
    void start() throws IOException {
        simulator = new FakeGpioSimulator(Map.of("flat302.smoke", 1, "flat302.siren", 0));
        SimulatorBackend backend = new SimulatorBackend(simulator.address(), Duration.ofMillis(20), Duration.ofMillis(200)).start();
        await().until(backend::connected);
        driver = new GpioDriver(backend,
                DebounceScheduler.on(timers), GatewayClock.SYSTEM);
    }

    @AfterEach
    void stop() throws IOException {
        driver.close();
        simulator.close();
        timers.shutdownNow();
    }

    /** A simulated smoke alarm (line to 0, active LOW) arrives as smoke=true after the debounce time. */
    @Test
    void smokeFromSimulatorBecomesReading() throws DriverException {
        DeviceConnection connection = driver.connect(TestProfiles.device("flat302-smoke", ADDRESS), TestProfiles.smokeDetector(), sink);
        assertThat(connection.poll()).extracting(Reading::value).containsExactly(false);
        long before = System.nanoTime();

        simulator.set("flat302.smoke", 0);

        await().until(() -> sink.values("smoke").contains("true"));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(TestProfiles.DEBOUNCE);
        assertThat(connection.poll()).extracting(Reading::value).containsExactly(true);
    }

    /**
     * GIVEN a simulator whose snapshot has the detector in alarm (line 0, active LOW) WHEN the device connects
     * THEN its initial level is pushed at once as smoke=true, with no edge needed, so a gateway that starts
     * while a detector is already in alarm sees the alarm.
     */
    @Test
    void connectPushesTheInitialLevelOfEachInput() throws DriverException {
        simulator.set("flat302.smoke", 0);
        await().until(() -> {
            try (DeviceConnection probe = driver.connect(TestProfiles.device("probe", ADDRESS), TestProfiles.smokeDetector(), new RecordingSink())) {
                return probe.poll().get(0).value().equals(true);
            }
        });

        driver.connect(TestProfiles.device("flat302-smoke", ADDRESS), TestProfiles.smokeDetector(), sink);

        assertThat(sink.values("smoke")).containsExactly("true");
    }

    /**
     * GIVEN a simulator that is not answering yet WHEN a device connects THEN each input is pushed as BAD (its
     * state is unknown, not silently missing), and once the simulator answers its snapshot level follows.
     */
    @Test
    void connectBeforeTheSimulatorAnswersPushesBadThenTheSnapshot() throws Exception {
        FakeGpioSimulator late = new FakeGpioSimulator(Map.of("flat302.smoke", 0));
        late.stop();
        SimulatorBackend backend = new SimulatorBackend(late.address(), Duration.ofMillis(20), Duration.ofMillis(100)).start();
        try (GpioDriver lateDriver = new GpioDriver(backend,
                DebounceScheduler.on(timers), GatewayClock.SYSTEM)) {
            lateDriver.connect(TestProfiles.device("flat302-smoke", ADDRESS), TestProfiles.smokeDetector(), sink);
            assertThat(sink.values("smoke")).containsExactly("BAD");

            late.restart();

            await().until(() -> sink.values("smoke").equals(java.util.List.of("BAD", "true")));
        } finally {
            late.close();
        }
    }

    /** Writing siren=true sends SET flat302.siren 1 (active HIGH). */
    @Test
    void sirenWriteReachesSimulator() throws DriverException {
        DeviceConnection connection = driver.connect(TestProfiles.device("flat302-smoke", ADDRESS), TestProfiles.smokeDetector(), sink);

        connection.write("siren", true);

        await().until(() -> simulator.received.contains("SET flat302.siren 1"));
    }

    /**
     * While the simulator is gone the device's inputs are pushed as BAD and poll/write fail with NO_ROUTE;
     * after it comes back the snapshot re-syncs and GOOD readings follow.
     */
    @Test
    void disconnectReportsBadThenResyncs() throws Exception {
        DeviceConnection connection = driver.connect(TestProfiles.device("flat302-smoke", ADDRESS), TestProfiles.smokeDetector(), sink);
        sink.clear();

        simulator.stop();

        await().until(() -> sink.values("smoke").contains("BAD"));
        assertThatThrownBy(connection::poll).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.code()).isEqualTo(DriverException.Code.NO_ROUTE)).hasMessageContaining("not connected");
        assertThatThrownBy(() -> connection.write("siren", true)).isInstanceOf(DriverException.class);

        simulator.lines.put("flat302.smoke", 0);
        simulator.restart();

        await().until(() -> sink.values("smoke").equals(java.util.List.of("BAD", "true")));
        assertThat(connection.poll()).extracting(Reading::value).containsExactly(true);
    }

    /** A line the simulator does not know reads unknown, and poll says which line. */
    @Test
    void unknownSimulatorLineIsReported() throws DriverException {
        DeviceConnection connection = driver.connect(TestProfiles.device("d9", "smoke=flat999.smoke"), TestProfiles.smokeDetector(), sink);

        assertThatThrownBy(connection::poll).hasMessageContaining("does not report line 'flat999.smoke'");
    }

    /** Switching the backend live re-opens a connected device's lines on the new one. */
    @Test
    void switchingBackendReopensLines() throws Exception {
        Context mock = Pi4J.newContextBuilder().noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .disableShutdownHook().build();
        Pi4jBackend pi4j = new Pi4jBackend("pi4j mock", () -> mock);
        DeviceConnection connection = driver.connect(TestProfiles.device("flat302-smoke", ADDRESS), TestProfiles.smokeDetector(), sink);

        driver.switchBackend(pi4j);
        assertThatThrownBy(connection::poll).hasMessageContaining("not a BCM line number");

        FakeGpioSimulator second = new FakeGpioSimulator(Map.of("flat302.smoke", 0));
        try {
            driver.switchBackend(new SimulatorBackend(second.address(), Duration.ofMillis(20), Duration.ofMillis(200)).start());
            await().until(() -> {
                try {
                    return connection.poll().get(0).value().equals(true);
                } catch (DriverException e) {
                    return false;
                }
            });
        } finally {
            second.close();
        }
    }
}
