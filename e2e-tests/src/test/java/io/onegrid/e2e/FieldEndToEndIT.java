package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.testing.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field side end to end, every part in its own process: a Modbus RTU gas detector on a bus declared in the
 * gateway file (`buses:`), reached over a socat pty pair from the simulator's RTU server, and a CoAP environment
 * monitor observed over UDP; the assembled gateway reads both, acts locally over RTU, and the hub sees the values,
 * the case, the outage and the recovery.
 */
class FieldEndToEndIT {
    private static final String GATEWAY = "gw-e2e-field";
    private static final String SECRET = "e2e-field-gateway-secret-8c1d";
    private static final String ADMIN_PASSWORD = "e2e-field-admin-password-3b9e";

    @TempDir
    Path work;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
    }

    private <T extends AutoCloseable> T track(T part) {
        started.add(part);
        return part;
    }

    /**
     * GIVEN an RTU gas detector and a CoAP monitor served by the simulator WHEN the gateway runs with the bus declared
     * THEN both devices' values reach the hub; WHEN gas passes level 2 THEN a critical gas case opens and the gateway
     * closes the shut-off valve over RTU by itself (read back from the detector); the flat's temperature change
     * arrives by observation, well before the next 30 s poll; WHEN the detector goes silent THEN the hub shows it
     * offline, and online again once it answers.
     */
    @Test
    void rtuAndCoapDevicesThroughTheRealGateway() throws Exception {
        Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("onegrid.e2e.logs", root.resolve("e2e-tests/target/e2e-logs").toString()))
                .resolve("field");
        Files.createDirectories(logs);
        int mqttPort = freePort();
        int httpPort = freePort();
        int coapPort = freePort();
        ManagedProcess hub = track(ManagedProcess.start("hub", logs, List.of(java(), "-jar",
                root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(), "--data-dir", work.resolve("hub").toString(),
                "--mqtt-port", String.valueOf(mqttPort), "--http-port", String.valueOf(httpPort),
                "--gateway", GATEWAY + ":" + SECRET), Map.of("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD)));
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(60));
        SocatPair riser = track(new SocatPair(Files.createDirectories(work.resolve("riser-a"))));
        ManagedProcess sim = track(ManagedProcess.start("sim", logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run",
                root.resolve("e2e-tests/src/test/resources/field-scenario.yaml").toString(),
                "--modbus-rtu", riser.a.toString(), "--coap-port", String.valueOf(coapPort), "--gpio-port", "0"), Map.of()));
        sim.awaitLine("Modbus RTU bus riser-a on", Duration.ofSeconds(30));
        sim.awaitLine("CoAP device env-302 listening", Duration.ofSeconds(30));
        long simStart = System.nanoTime();
        Path config = work.resolve("gateway.yaml");
        Files.writeString(config, """
                gateway:
                  id: %s
                hub:
                  uri: tcp://127.0.0.1:%d
                  password: %s
                  # the hub learns devices' communication state from the health heartbeat: every 2 s here
                  healthIntervalSeconds: 2
                storage:
                  dir: %s
                buses:
                  - name: riser-a
                    kind: rtu
                    port: %s
                    baud: 19200
                    parity: none
                    timeoutMs: 300
                devices:
                  - id: gas-b7
                    profile: gas-detector-rtu
                    bus: riser-a
                    unitId: 3
                    site: bldg-7
                    area: boiler-room
                  - id: env-302
                    profile: environment-sensor-coap
                    address: coap://127.0.0.1:%d
                    site: bldg-7
                    unit: "302"
                """.formatted(GATEWAY, mqttPort, SECRET, work.resolve("gateway"), riser.b, coapPort));
        track(ManagedProcess.start("gateway", logs, List.of(java(), "-Donegrid.config=" + config, "-jar",
                root.resolve("gateway/target/onegrid-gateway.jar").toString()), Map.of()));
        HubClient admin = new HubClient(httpPort);
        admin.login("admin", ADMIN_PASSWORD);

        // THEN both devices' first values reach the hub, decoded through their profiles (scale 0.1 on the RTU register)
        await("RTU and CoAP values at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> value(admin, "gas-b7", "gas") != null && value(admin, "env-302", "temperature") != null);
        assertThat(value(admin, "gas-b7", "gas").asDouble()).as(device(admin, "gas-b7").toString()).isEqualTo(2.0);
        assertThat(value(admin, "env-302", "temperature").asDouble()).isEqualTo(21.5);
        assertThat(value(admin, "env-302", "co2").asDouble()).isEqualTo(600.0);
        assertThat(seconds(simStart)).as("the values came before the gas step at t+15 s").isLessThan(15.0);

        // WHEN gas passes level 2 at t+15 s THEN a critical gas case opens for the detector
        try {
            await("gas case").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> gasCase(admin) != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no gas case; cases: " + admin.get("/api/cases?limit=100"), e);
        }
        assertThat(gasCase(admin).path("severity").asText()).as(gasCase(admin).toString()).isEqualTo("CRITICAL");
        // and the gateway closed the valve over RTU by itself: the detector's coil reads back true
        await("shut-off valve closed at the detector").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> value(admin, "gas-b7", "shutoff") != null && value(admin, "gas-b7", "shutoff").asBoolean());
        // the flat's warming arrives by observation: the monitor's poll interval is 30 s
        await("observed temperature").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> value(admin, "env-302", "temperature").asDouble() == 27.5);
        // the first poll was before t+15 s, so the next one is after t+35 s
        assertThat(seconds(simStart)).as("observed within a few seconds of the t+15 s change, not at a 30 s poll")
                .isLessThan(24.0);

        // WHEN the detector goes silent at t+23 s THEN the hub shows it offline; at t+33 s it is back
        await("detector offline").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .until(() -> "failed".equals(device(admin, "gas-b7").path("communication").asText()));
        await("detector back online").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "ok".equals(device(admin, "gas-b7").path("communication").asText()));
        assertThat(seconds(simStart)).as("back after the t+33 s recovery").isGreaterThan(33.0);
        assertThat(device(admin, "env-302").path("communication").asText()).as("the CoAP monitor stayed up").isEqualTo("ok");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static JsonNode device(HubClient admin, String id) throws Exception {
        for (JsonNode d : admin.get("/api/devices").path("items")) {
            if (d.path("id").asText().equals(id)) return d;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode value(HubClient admin, String deviceId, String channel) throws Exception {
        JsonNode v = device(admin, deviceId).path("lastValues").path(channel).path("value");
        return v.isMissingNode() || v.isNull() ? null : v;
    }

    private static JsonNode gasCase(HubClient admin) throws Exception {
        for (JsonNode c : admin.get("/api/cases?limit=100").path("items")) {
            if (c.path("type").asText().equals("fire.gas-leak")) return c;
        }
        return null;
    }
}
