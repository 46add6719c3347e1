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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with every part in its own process: simulated devices (digitalpetri Modbus server and
 * GPIO lines) → the assembled OSGi gateway (j2mod, SQLite outbox, Paho MQTT 5) → the Vert.x hub → REST.
 */
class EndToEndIT {
    private static final String GATEWAY = "gw-e2e-01";
    private static final String GATEWAY_SECRET = "e2e-gateway-secret-7f3a";
    private static final String ADMIN_PASSWORD = "e2e-admin-password-41c9";

    @TempDir
    Path work;

    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /**
     * GIVEN hub, simulator and gateway running as separate processes
     * WHEN smoke appears in flat 302, then the hub is killed for 20 s while more smoke alarms and a hydrant
     *      pressure drop are raised and cleared, then the hub comes back, then the gateway is restarted (and the
     *      devices' simulator with it, in the same state, so that what follows is timed from the restart)
     * THEN the flat-302 smoke case is visible through the REST API, the local siren sounded, every alarm the
     *      gateway raised or cleared is stored exactly once in the right case, nothing was quarantined or left
     *      behind in the gateway's outbox, and the restarted gateway neither raises flat 302 again nor loses
     *      the alarms it raises afterwards.
     */
    @Test
    void smokeOpensCaseAndEveryAlarmSurvivesHubOutageExactlyOnce() throws Exception {
        Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("onegrid.e2e.logs", root.resolve("e2e-tests/target/e2e-logs").toString()));
        int mqttPort = freePort();
        int httpPort = freePort();
        int modbusPort = freePort();
        int gpioPort = freePort();
        Path hubData = work.resolve("hub");

        ManagedProcess hub = startHub(root, logs, hubData, mqttPort, httpPort, "hub");
        ManagedProcess sim = startSim(root, logs, "e2e-scenario.yaml", modbusPort, gpioPort, "sim");
        long simStart = System.nanoTime();

        Path config = writeGatewayConfig(mqttPort, modbusPort, gpioPort);
        ManagedProcess gateway = startGateway(root, logs, config, "gateway");

        HubClient client = new HubClient(httpPort);
        await("hub healthy").atMost(Duration.ofSeconds(30)).until(client::healthy);
        client.login("admin", ADMIN_PASSWORD);
        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> gatewayBoot(client).isPresent());

        // Smoke in flat 302 at t+10 s opens a case, and the gateway sounds the flat's siren by itself.
        JsonNode smoke302 = await("smoke case for flat 302").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> findCase(client, "302", "fire.smoke"), Optional::isPresent).orElseThrow();
        assertThat(smoke302.path("stage").asText()).isEqualToIgnoringCase("open");
        sim.awaitLine("siren flat302\\.siren ON", Duration.ofSeconds(10));

        // Hub outage: SIGKILL, then 20 s while the gateway keeps producing.
        hub.kill();
        long killedNanos = System.nanoTime();
        double killedAt = (killedNanos - simStart) / 1e9;
        assertThat(killedAt).as("the hub must be down before the outage alarms start at t+19 s "
                + "(the flat-302 case took %.1f s to appear)", killedAt - 10).isLessThan(19.0);
        sim.awaitLine("flat 303 clears", Duration.ofSeconds(40));
        // The outage itself is the stimulus: it lasts 20 s by design, not as a wait for something to happen.
        long outageLeftMs = 20_000 - (System.nanoTime() - killedNanos) / 1_000_000;
        if (outageLeftMs > 0) {
            Thread.sleep(outageLeftMs);
        }
        assertThat(gateway.alive()).as("gateway survives hub outage").isTrue();
        startHub(root, logs, hubData, mqttPort, httpPort, "hub-restarted");
        await("hub healthy again").atMost(Duration.ofSeconds(30)).until(client::healthy);
        client.login("admin", ADMIN_PASSWORD);

        // Every alarm raised or cleared arrives exactly once.
        await("all outage alarms delivered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertAlarms(client, "301", "fire.smoke", "smoke-301", 1, true);
                    assertAlarms(client, "303", "fire.smoke", "smoke-303", 1, true);
                    assertAlarms(client, "304", "fire.smoke", "smoke-304", 1, true);
                    assertAlarms(client, "302", "fire.smoke", "smoke-302", 1, false);
                    assertAlarms(client, null, "fire.hydrant-pressure-low", "hydrant-b7", 1, true);
                });
        assertThat(countCases(client, "fire.smoke")).as("one smoke case per flat").isEqualTo(4);

        // Restart the gateway while flat 302 is still in smoke: its stored alarm state must prevent a second raise.
        String firstBoot = gatewayBoot(client).orElseThrow();
        gateway.close();
        Path outbox = work.resolve("gateway/outbox.db");
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM outbox WHERE kind = 'alarm'"))
                .as("no alarm left undelivered in the gateway's outbox").isZero();
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM quarantine")).as("nothing quarantined").isZero();
        assertThat(outboxCount(outbox, "SELECT COUNT(*) FROM active_alarms WHERE device_id = 'smoke-302'"))
                .as("flat 302's raised alarm is remembered across the restart").isEqualTo(1);
        // The devices are served again as the first timeline left them, by a simulator whose timeline starts now:
        // how long the outage deliveries took no longer decides whether the next change comes after the restart.
        sim.close();
        ManagedProcess simAgain = startSim(root, logs, "e2e-after-restart-scenario.yaml", modbusPort, gpioPort,
                "sim-restarted");
        long simAgainStart = System.nanoTime();
        ManagedProcess restarted = startGateway(root, logs, config, "gateway-restarted");
        await("restarted gateway online with a new boot").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> gatewayBoot(client).filter(b -> !b.equals(firstBoot)).isPresent());
        // a precondition of what follows: the restarted gateway found flat 301 clear, so its raise is seen live
        assertThat(restarted.awaitLine("Re-sync of smoke-301/smoke \\(first reading since start\\): (.*)",
                Duration.ofSeconds(30))).as("the restarted gateway's first reading of flat 301, %.1f s after the "
                + "restart (its smoke comes at t+16 s)", (System.nanoTime() - simAgainStart) / 1e9).isEqualTo("smoke clear");

        // The flat-301 raise at t+16 s of the restarted simulator arrives; alarms leave the outbox in order, so a
        // duplicate raise of flat 302 from the restart would have arrived before it.
        await("post-restart alarm delivered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertAlarms(client, "301", "fire.smoke", "smoke-301", 2, false));
        assertAlarms(client, "302", "fire.smoke", "smoke-302", 1, false);
    }

    private ManagedProcess startGateway(Path root, Path logs, Path config, String name) {
        ManagedProcess gateway = ManagedProcess.start(name, logs, List.of(java(),
                "-Donegrid.config=" + config, "-jar", root.resolve("gateway/target/onegrid-gateway.jar").toString()),
                Map.of());
        started.add(gateway);
        return gateway;
    }

    private ManagedProcess startSim(Path root, Path logs, String scenario, int modbusPort, int gpioPort, String name) {
        ManagedProcess sim = ManagedProcess.start(name, logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run",
                root.resolve("e2e-tests/src/test/resources/" + scenario).toString(),
                "--modbus-port", String.valueOf(modbusPort), "--gpio-port", String.valueOf(gpioPort)), Map.of());
        started.add(sim);
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));
        return sim;
    }

    private static long outboxCount(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ManagedProcess startHub(Path root, Path logs, Path data, int mqttPort, int httpPort, String name) {
        ManagedProcess hub = ManagedProcess.start(name, logs, List.of(java(), "-jar",
                root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(),
                "--data-dir", data.toString(), "--mqtt-port", String.valueOf(mqttPort),
                "--http-port", String.valueOf(httpPort), "--gateway", GATEWAY + ":" + GATEWAY_SECRET),
                Map.of("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD));
        started.add(hub);
        hub.awaitLine("MQTT listening on", Duration.ofSeconds(30));
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(30));
        return hub;
    }

    private Path writeGatewayConfig(int mqttPort, int modbusPort, int gpioPort) throws IOException {
        StringBuilder devices = new StringBuilder();
        devices.append("""
                  - id: hydrant-b7
                    profile: hydrant-pressure-modbus
                    address: 127.0.0.1:%d/1
                    site: bldg-7
                    area: pump-room
                    overrides: {low-pressure.minDuration: 3s}
                """.formatted(modbusPort));
        for (int flat = 301; flat <= 304; flat++) {
            devices.append("""
                      - id: smoke-%1$d
                        profile: smoke-detector-gpio
                        address: smoke=flat%1$d.smoke,siren=flat%1$d.siren
                        site: bldg-7
                        unit: "%1$d"
                    """.formatted(flat));
        }
        return GatewayConfig.write(work, GATEWAY, GATEWAY_SECRET, mqttPort, gpioPort, devices.toString());
    }

    /** The boot id of the gateway while the hub sees it online. */
    private static Optional<String> gatewayBoot(HubClient client) throws Exception {
        for (JsonNode gw : items(client.get("/api/gateways"))) {
            if (GATEWAY.equals(gw.path("id").asText()) && gw.path("online").asBoolean()) {
                return Optional.of(gw.path("bootId").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> findCase(HubClient client, String unit, String type) throws Exception {
        for (JsonNode c : items(client.get("/api/cases?limit=500"))) {
            if (type.equals(c.path("type").asText()) && (unit == null || unit.equals(c.path("unit").asText()))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static long countCases(HubClient client, String type) throws Exception {
        long n = 0;
        for (JsonNode c : items(client.get("/api/cases?limit=500"))) {
            if (type.equals(c.path("type").asText())) n++;
        }
        return n;
    }

    /** The case of {@code type} for {@code unit} holds exactly {@code count} alarms from {@code device}; the newest is (not) cleared. */
    private static void assertAlarms(HubClient client, String unit, String type, String device, int count,
                                     boolean newestCleared) throws Exception {
        Optional<JsonNode> summary = findCase(client, unit, type);
        assertThat(summary).as("case %s for unit %s", type, unit).isPresent();
        JsonNode detail = client.get("/api/cases/" + summary.get().path("id").asText());
        List<JsonNode> alarms = new ArrayList<>();
        for (JsonNode a : detail.path("alarms")) {
            if (device.equals(a.path("device").asText())) alarms.add(a);
        }
        assertThat(alarms).as("alarms from %s, each stored exactly once", device).hasSize(count);
        assertThat(alarms.stream().map(a -> a.path("alarmId").asText()).distinct().count())
                .as("distinct alarm ids from %s", device).isEqualTo(count);
        JsonNode newest = alarms.stream().max(java.util.Comparator.comparingLong(a -> a.path("raisedAt").path("wall").asLong()))
                .orElseThrow();
        JsonNode clearedAt = newest.path("clearedAt");
        boolean cleared = !(clearedAt.isMissingNode() || clearedAt.isNull());
        assertThat(cleared).as("%s newest alarm cleared", device).isEqualTo(newestCleared);
    }

    private static Iterable<JsonNode> items(JsonNode root) {
        if (root.isArray()) return root;
        for (String key : new String[] {"items", "cases", "gateways", "data"}) {
            if (root.path(key).isArray()) return root.path(key);
        }
        return List.of();
    }
}
