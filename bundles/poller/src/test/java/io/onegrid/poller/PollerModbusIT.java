package io.onegrid.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.driver.modbus.ModbusTcpDriver;
import io.onegrid.driver.modbus.ReadPlanner;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poller with the real Modbus TCP driver against a third-party slave, and the report policy behind
 * it: the shipped hydrant profile, sped up to poll every 100 ms with a 300 ms timeout.
 */
class PollerModbusIT {
    private final ExecutorScheduler scheduler = new ExecutorScheduler("it-timer");
    private final ExecutorService buses = Executors.newCachedThreadPool();
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();
    private final List<List<Reading>> telemetry = Collections.synchronizedList(new ArrayList<>());
    private HoldingRegisterSlave slave;
    private ModbusTcpDriver driver;
    private Poller poller;

    /** The shipped profile with a fast schedule; everything else (channels, deadband) as shipped. */
    private static ProfileCatalog fastCatalog() {
        DeviceProfile shipped = ProfileCatalogs.builtin().find("hydrant-pressure-modbus").orElseThrow();
        DeviceProfile fast = new DeviceProfile(shipped.id(), shipped.name(), shipped.category(), shipped.manufacturer(),
                shipped.protocol(), Duration.ofMillis(100), Duration.ofMillis(300), shipped.report(), shipped.channels(),
                shipped.alarms(), shipped.source());
        return new ProfileCatalog() {
            @Override
            public Optional<DeviceProfile> find(String profileId) {
                return fast.id().equals(profileId) ? Optional.of(fast) : Optional.empty();
            }

            @Override
            public Collection<DeviceProfile> all() {
                return List.of(fast);
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        slave = new HoldingRegisterSlave(0);
        slave.float32(0, 0.35f);
        ProfileCatalog catalog = fastCatalog();
        driver = new ModbusTcpDriver(GatewayClock.SYSTEM, new ReadPlanner());
        poller = new Poller(catalog::find, scheduler, buses, GatewayClock.SYSTEM,
                new PollerSettings(3, 1_000, 0.2, 1_000, 2_000), new Random(5));
        ReportPolicy policy = new ReportPolicy(id -> poller.profileOf(id).map(DeviceProfile::report),
                GatewayClock.SYSTEM, Duration.ofMinutes(15));
        TelemetryBatcher batcher = new TelemetryBatcher(telemetry::add, scheduler, GatewayClock.SYSTEM, 50, 200, 1_000);
        poller.addListener(recorder);
        poller.addListener(readings -> batcher.add(policy.select(readings)));
        poller.addDriver(ModbusTcpDriver.PROTOCOL, driver);
    }

    @AfterEach
    void stop() throws Exception {
        poller.close();
        scheduler.close();
        buses.shutdownNow();
        driver.close();
        slave.close();
    }

    private List<Reading> reported(String channel) {
        synchronized (telemetry) {
            return telemetry.stream().flatMap(List::stream).filter(r -> r.channel().equals(channel)).toList();
        }
    }

    /** Values polled from the slave reach the listeners; telemetry carries only moves beyond the 0.01 MPa deadband. */
    @Test
    void pollsAndReportsBeyondTheDeadband() {
        poller.put("pid-1", DeviceSettings.of("hydrant-b1", "hydrant-pressure-modbus", "127.0.0.1:" + slave.port() + "/1",
                null, "block-7", null, "pump room", null, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.readings("hydrant-b1").size() >= 6);
        assertThat(poller.device("hydrant-b1").orElseThrow().bus()).isEqualTo("tcp:127.0.0.1:" + slave.port());
        assertThat(poller.online("hydrant-b1")).isTrue();

        slave.float32(0, 0.355f); // within the deadband: polled, not reported
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.readings("hydrant-b1").stream()
                .anyMatch(r -> r.value() instanceof Double d && Math.abs(d - 0.355) < 1e-6));
        slave.float32(0, 0.08f);  // beyond it: reported
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("pressure").size() >= 2);

        assertThat(reported("pressure")).extracting(r -> (Double) r.value())
                .satisfiesExactly(first -> assertThat(first).isCloseTo(0.35, within(1e-6)),
                        second -> assertThat(second).isCloseTo(0.08, within(1e-6)));
        assertThat(reported("status")).hasSize(1);
    }

    /** A slave that goes away makes the device offline once (BAD readings reported); when it returns the device recovers. */
    @Test
    void slaveOutageIsOneFaultAndOneRecovery() throws Exception {
        poller.put("pid-1", DeviceSettings.of("hydrant-b1", "hydrant-pressure-modbus", "127.0.0.1:" + slave.port() + "/1",
                null, "block-7", null, null, null, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> poller.online("hydrant-b1"));
        int port = slave.port();

        slave.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.communication.isEmpty());
        assertThat(poller.online("hydrant-b1")).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> reported("pressure").stream().anyMatch(r -> r.quality() == Quality.BAD));

        slave = new HoldingRegisterSlave(port);
        slave.float32(0, 0.30f);
        await().atMost(Duration.ofSeconds(10)).until(() -> poller.online("hydrant-b1"));

        assertThat(recorder.communication).hasSize(2);
        assertThat(recorder.communication.get(0)).startsWith("hydrant-b1 offline: ");
        assertThat(recorder.communication.get(1)).isEqualTo("hydrant-b1 online: answering again");
        await().atMost(Duration.ofSeconds(5)).until(() -> reported("pressure").stream().reduce((a, b) -> b)
                .map(r -> r.quality() == Quality.GOOD).orElse(false));
    }
}
