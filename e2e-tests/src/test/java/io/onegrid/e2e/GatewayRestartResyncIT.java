package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 6, "no alarm lost across restarts", with every part in its own process: the assembled OSGi gateway is
 * SIGKILLed while a simulated detector changes, restarted, and the hub must end with exactly what happened —
 * the raise of a detector that went off while the gateway was down (or before it started), the clear of one
 * that cleared while it was down, each exactly once. The gateway sees those changes only at its first reading
 * after the restart (re-synchronisation, docs/edge-rules.md), so that is the time its transitions carry.
 */
// Runs beside another test: nothing is timed before the kill, and the marker at t+16 s of the restarted simulator
// leaves about four times the restarted gateway's start-up on a quiet machine (asserted, not assumed).
@Execution(ExecutionMode.CONCURRENT)
class GatewayRestartResyncIT {
    private static final String GATEWAY = "gw-e2e-restart";
    private static final String GATEWAY_SECRET = "e2e-restart-gateway-secret-2b8d";
    private static final String ADMIN_PASSWORD = "e2e-restart-admin-password-6e1f";

    @TempDir
    Path work;

    private final List<ManagedProcess> started = new ArrayList<>();
    private final Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
    private Path logs;
    private Path config;
    private HubClient client;
    private ManagedProcess sim;
    private int gpioPort;

    @BeforeEach
    void logsPerTest(TestInfo test) {
        logs = Path.of(System.getProperty("onegrid.e2e.logs", root.resolve("e2e-tests/target/e2e-logs").toString()))
                .resolve("restart-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /**
     * GIVEN flat 402 in smoke before the gateway starts, and the gateway SIGKILLed after its case opened
     * WHEN flat 401 goes into smoke while the gateway is down and the gateway is restarted
     * THEN flat 401's alarm reaches the hub exactly once, raised at a time the restarted gateway saw it, its
     *      siren sounds; flat 402's alarm, still in smoke, is not raised a second time; and the marker alarm after
     *      the restart (flat 403) arrives, so nothing else was queued before it.
     */
    @Test
    void detectorThatGoesOffWhileTheGatewayIsDownIsRaisedOnceAfterTheRestart() throws Exception {
        ManagedProcess gateway = startAll("restart-raise-scenario.yaml", 401, 402, 403);
        // the detector already in smoke at start is seen at the gateway's first reading
        awaitAlarms("402", "smoke-402", 1, false, Duration.ofSeconds(60));

        String firstBoot = gatewayBoot().orElseThrow();
        gateway.kill();
        // flat 401 goes off while the gateway is down: the devices come back with it in smoke
        restartSim("restart-raise-after-scenario.yaml");
        long restartedWall = System.currentTimeMillis();
        ManagedProcess restarted = startGateway("gateway-restarted");
        await("restarted gateway online with a new boot").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> gatewayBoot().filter(b -> !b.equals(firstBoot)).isPresent());
        assertMarkerStillClear(restarted, "smoke-403");

        awaitAlarms("403", "smoke-403", 1, false, Duration.ofSeconds(60));
        JsonNode raised401 = awaitAlarms("401", "smoke-401", 1, false, Duration.ofSeconds(5)).get(0);
        assertThat(raised401.path("raisedAt").path("wall").asLong())
                .as("raised when the restarted gateway saw it, not when the detector changed (nobody knows that)")
                .isGreaterThanOrEqualTo(restartedWall);
        assertThat(raised401.path("message").asText()).contains("seen at re-sync");
        assertAlarms("402", "smoke-402", 1, false);
        sim.awaitLine("siren flat401\\.siren ON", Duration.ofSeconds(10));

        Path outbox = stopGatewayAndFindOutbox();
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM outbox WHERE kind = 'alarm'")).as("nothing left behind").isZero();
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM active_alarms")).as("401, 402 and 403 are raised").isEqualTo(3);
    }

    /**
     * GIVEN flat 501 in smoke with its case open, and the gateway SIGKILLed
     * WHEN flat 501 clears while the gateway is down and the gateway is restarted
     * THEN the clear reaches the hub (the alarm does not stay raised forever), flat 501 has exactly one alarm,
     *      nothing of it is left raised in the gateway's alarm state, and the marker after the restart arrives.
     */
    @Test
    void detectorThatClearsWhileTheGatewayIsDownIsClearedOnTheRestart() throws Exception {
        ManagedProcess gateway = startAll("restart-clear-scenario.yaml", 501, 503);
        awaitAlarms("501", "smoke-501", 1, false, Duration.ofSeconds(60));

        String firstBoot = gatewayBoot().orElseThrow();
        gateway.kill();
        // flat 501 clears while the gateway is down: the devices come back with it clear
        restartSim("restart-clear-after-scenario.yaml");
        long restartedWall = System.currentTimeMillis();
        ManagedProcess restarted = startGateway("gateway-restarted");
        await("restarted gateway online with a new boot").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> gatewayBoot().filter(b -> !b.equals(firstBoot)).isPresent());
        assertMarkerStillClear(restarted, "smoke-503");

        JsonNode cleared = awaitAlarms("501", "smoke-501", 1, true, Duration.ofSeconds(60)).get(0);
        assertThat(java.time.Instant.parse(cleared.path("clearedAt").asText()).toEpochMilli())
                .as("cleared after the restart, when the gateway saw it").isGreaterThanOrEqualTo(restartedWall);
        awaitAlarms("503", "smoke-503", 1, false, Duration.ofSeconds(60));
        assertAlarms("501", "smoke-501", 1, true);

        Path outbox = stopGatewayAndFindOutbox();
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM active_alarms WHERE device_id = 'smoke-501'"))
                .as("flat 501 is no longer raised in the gateway's alarm state").isZero();
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM quarantine")).as("nothing quarantined").isZero();
    }

    /**
     * The marker's smoke must be a change the restarted gateway sees live, after its first readings (which carry
     * what changed while it was down): alarms leave the outbox oldest first, so all of those reach the hub before it.
     */
    private static void assertMarkerStillClear(ManagedProcess restarted, String marker) {
        assertThat(restarted.awaitLine("Re-sync of " + marker + "/smoke \\(first reading since start\\): (.*)",
                Duration.ofSeconds(30))).as("the restarted gateway's first reading of the marker %s (its smoke comes at "
                + "t+16 s of the restarted simulator)", marker).isEqualTo("smoke clear");
    }

    // ---- processes ----

    /** Hub, simulator (playing {@code scenario}) and a gateway with one smoke detector per flat; returns the gateway. */
    private ManagedProcess startAll(String scenario, int... flats) throws Exception {
        int mqttPort = freePort();
        int httpPort = freePort();
        gpioPort = freePort();
        ManagedProcess hub = ManagedProcess.start("hub", logs, List.of(java(), "-jar",
                root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(),
                "--data-dir", work.resolve("hub").toString(), "--mqtt-port", String.valueOf(mqttPort),
                "--http-port", String.valueOf(httpPort), "--gateway", GATEWAY + ":" + GATEWAY_SECRET),
                Map.of("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD));
        started.add(hub);
        hub.awaitLine("MQTT listening on", Duration.ofSeconds(30));
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(30));

        startSim("sim", scenario);

        StringBuilder devices = new StringBuilder();
        for (int flat : flats) {
            devices.append("""
                      - id: smoke-%1$d
                        profile: smoke-detector-gpio
                        address: smoke=flat%1$d.smoke,siren=flat%1$d.siren
                        site: bldg-7
                        unit: "%1$d"
                    """.formatted(flat));
        }
        config = GatewayConfig.write(work, GATEWAY, GATEWAY_SECRET, mqttPort, gpioPort, devices.toString());
        ManagedProcess gateway = startGateway("gateway");

        client = new HubClient(httpPort);
        await("hub healthy").atMost(Duration.ofSeconds(30)).until(client::healthy);
        client.login("admin", ADMIN_PASSWORD);
        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> gatewayBoot().isPresent());
        return gateway;
    }

    private void startSim(String name, String scenario) {
        sim = ManagedProcess.start(name, logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run",
                root.resolve("e2e-tests/src/test/resources/" + scenario).toString(),
                "--gpio-port", String.valueOf(gpioPort)), Map.of());
        started.add(sim);
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));
    }

    /**
     * While the gateway is down, the devices' simulator is stopped and started again on the same port with
     * {@code scenario} (the levels as they are now, and the marker): the gateway cannot tell, and the marker is timed
     * from the restart instead of from a timeline that had to allow for a slow first start.
     */
    private void restartSim(String scenario) throws InterruptedException {
        sim.close();
        startSim("sim-restarted", scenario);
    }

    private ManagedProcess startGateway(String name) {
        ManagedProcess gateway = ManagedProcess.start(name, logs, List.of(java(), "-Donegrid.config=" + config, "-jar",
                root.resolve("gateway/target/onegrid-gateway.jar").toString()), Map.of());
        started.add(gateway);
        return gateway;
    }

    /** Stops the running gateway (SIGTERM, so its outbox file is closed) and returns the outbox file. */
    private Path stopGatewayAndFindOutbox() throws InterruptedException {
        started.get(started.size() - 1).close();
        return work.resolve("gateway/outbox.db");
    }

    // ---- what the hub and the outbox say ----

    /** Waits until the case of the flat holds {@code count} alarms from the device, the newest (not) cleared. */
    private List<JsonNode> awaitAlarms(String unit, String device, int count, boolean newestCleared, Duration atMost) {
        await(device + " alarms at the hub").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> assertAlarms(unit, device, count, newestCleared));
        try {
            return alarms(unit, device);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertAlarms(String unit, String device, int count, boolean newestCleared) throws Exception {
        List<JsonNode> alarms = alarms(unit, device);
        assertThat(alarms).as("alarms from %s, each stored exactly once", device).hasSize(count);
        assertThat(alarms.stream().map(a -> a.path("alarmId").asText()).distinct().count())
                .as("distinct alarm ids from %s", device).isEqualTo(count);
        JsonNode newest = alarms.stream()
                .max(java.util.Comparator.comparingLong(a -> a.path("raisedAt").path("wall").asLong())).orElseThrow();
        boolean cleared = !(newest.path("clearedAt").isMissingNode() || newest.path("clearedAt").isNull());
        assertThat(cleared).as("%s newest alarm cleared", device).isEqualTo(newestCleared);
    }

    /** The alarms from {@code device} in the fire.smoke cases of the flat (none while there is no such case). */
    private List<JsonNode> alarms(String unit, String device) throws IOException, InterruptedException {
        List<JsonNode> alarms = new ArrayList<>();
        for (JsonNode c : client.get("/api/cases?limit=500").path("items")) {
            if (!"fire.smoke".equals(c.path("type").asText()) || !unit.equals(c.path("unit").asText())) continue;
            for (JsonNode a : client.get("/api/cases/" + c.path("id").asText()).path("alarms")) {
                if (device.equals(a.path("device").asText())) alarms.add(a);
            }
        }
        return alarms;
    }

    /** The boot id of the gateway while the hub sees it online. */
    private Optional<String> gatewayBoot() throws Exception {
        for (JsonNode gw : client.get("/api/gateways").path("items")) {
            if (GATEWAY.equals(gw.path("id").asText()) && gw.path("online").asBoolean()) {
                return Optional.of(gw.path("bootId").asText());
            }
        }
        return Optional.empty();
    }

    private static long outboxCount(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
