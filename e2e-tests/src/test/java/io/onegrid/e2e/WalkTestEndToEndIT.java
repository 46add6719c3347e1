package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's day with every part a process of its own and only the commands docs/installing.md gives: an
 * installer user's claim code provisions a blank gateway, {@code devices add} declares its sensors, the gateway
 * starts on the file, {@code walktest} runs while the simulator plays the sensors being triggered, and Ctrl-C ends it
 * with the report stored on the hub and the tested devices commissioned.
 */
// Runs beside another test: the walk test lasts up to 10 minutes and every step waits for what it needs, so a slow
// machine only makes it later.
@Execution(ExecutionMode.CONCURRENT)
class WalkTestEndToEndIT {
    private static final String GATEWAY = "gw-e2e-walk";
    private static final String ADMIN_PASSWORD = "e2e-walk-admin-password-5d2a";
    private static final String INSTALLER_PASSWORD = "e2e-walk-installer-password-71c4";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of(System.getProperty("onegrid.e2e.logs",
            root.resolve("e2e-tests/target/e2e-logs").toString())).resolve("walktest");
    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
    }

    private ManagedProcess start(String name, List<String> command, Map<String, String> env) {
        ManagedProcess p = ManagedProcess.start(name, logs, command, env);
        started.add(p);
        return p;
    }

    private List<String> gatewayJar(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", root.resolve("gateway/target/onegrid-gateway.jar").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs one installer command of the gateway jar to its end; returns its exit code, its output in the log. */
    private int installer(String name, String... args) throws Exception {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        Process p = new ProcessBuilder(gatewayJar(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        if (p.exitValue() != 0) {
            throw new AssertionError(name + " exited " + p.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }

    /**
     * GIVEN a hub with an installer scoped to the Beishan community WHEN the installer's claim code provisions a blank
     * gateway, three sensors are declared with {@code devices add} (a smoke detector, an SOS button, a hydrant meter)
     * and {@code walktest} runs while the smoke detector and the button are triggered, the button's lid is opened and
     * the hydrant meter stops answering, then the installer presses Ctrl-C THEN the live view showed each trigger and
     * the meter's fault; the hub stored the report: smoke and SOS tested with their values and round trips and now
     * commissioned, the silent meter untested with its comm fault still raised (a fault never counts as a test), the
     * lid's tamper listed as a fault that is over; the walk test is ended by the installer, the report file is saved,
     * and none of the test's alarms (smoke, SOS, tamper) opened a case.
     */
    @Test
    void claimProvisionDeclareWalkTestAndCommission() throws Exception {
        int mqttPort = freePort();
        int httpPort = freePort();
        int gpioPort = freePort();
        int modbusPort = freePort();
        String hubUrl = "http://127.0.0.1:" + httpPort;
        ManagedProcess hub = start("hub", List.of(java(), "-jar", root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(),
                "--data-dir", work.resolve("hub").toString(), "--grid", root.resolve("cloud-bridge/config/demo-grid.yaml").toString(),
                "--mqtt-port", String.valueOf(mqttPort),
                "--http-port", String.valueOf(httpPort)), Map.of("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD));
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(60));
        HubClient admin = new HubClient(httpPort);
        admin.login("admin", ADMIN_PASSWORD);
        HubClient.Answer user = admin.post("/api/users", JSON.createObjectNode().put("username", "inst-bs")
                .put("password", INSTALLER_PASSWORD).put("role", "installer").put("scope", "xh-bs")
                .put("displayName", "Installer Beishan").toString());
        assertThat(user.status()).as(String.valueOf(user.body())).isEqualTo(201);
        HubClient installer = new HubClient(httpPort);
        installer.login("inst-bs", INSTALLER_PASSWORD);
        HubClient.Answer claim = installer.post("/api/claims", "{\"site\":\"bldg-7\",\"ttl\":\"1h\"}");
        assertThat(claim.status()).as(String.valueOf(claim.body())).isEqualTo(201);

        // the installer's starting file (storage and GPIO from gateway/config/example.yaml); provision adds the rest
        Path etc = Files.createDirectories(work.resolve("etc-onegrid"));
        Path config = etc.resolve("gateway.yaml");
        Files.writeString(config, """
                # bldg-7 riser cupboard gateway
                storage:
                  dir: %s
                gpio:
                  backend: simulator
                  simulator: 127.0.0.1:%d
                devices: []
                """.formatted(work.resolve("state"), gpioPort));
        installer("provision", "provision", "--hub", hubUrl, "--claim", claim.body().path("code").asText(),
                "--config-dir", etc.toString(), "--gateway-id", GATEWAY);
        installer("devices-add-smoke", "devices", "add", "smoke-302", "--config", config.toString(), "--profile",
                "smoke-detector-gpio", "--address", "smoke=flat302.smoke,siren=flat302.siren", "--site", "bldg-7", "--unit", "302");
        installer("devices-add-sos", "devices", "add", "sos-302", "--config", config.toString(), "--profile", "sos-button-gpio",
                "--address", "pressed=flat302.sos,tamper=flat302.sos-lid", "--site", "bldg-7", "--unit", "302");
        installer("devices-add-hydrant", "devices", "add", "hydrant-b7", "--config", config.toString(), "--profile",
                "hydrant-pressure-modbus", "--address", "127.0.0.1:" + modbusPort + "/1", "--site", "bldg-7", "--area", "pump-room");

        start("gateway", List.of(java(), "-Donegrid.config=" + config, "-jar",
                root.resolve("gateway/target/onegrid-gateway.jar").toString()), Map.of());
        await("gateway online with its three devices").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.fetch("/api/gateways/" + GATEWAY).status() == 200
                        && admin.get("/api/gateways/" + GATEWAY).path("state").asText().equals("online")
                        && admin.get("/api/gateways/" + GATEWAY).path("devices").size() == 3);

        Path reportFile = work.resolve("commissioning.json");
        ManagedProcess walk = start("walktest", gatewayJar("walktest", "--hub", hubUrl, "--user", "inst-bs", "--config",
                config.toString(), "--duration", "10m", "--report", reportFile.toString()),
                Map.of("ONEGRID_INSTALLER_PASSWORD", INSTALLER_PASSWORD));
        walk.awaitLine("walk test \\d+ started for " + GATEWAY, Duration.ofSeconds(60));
        assertThat(installer.get("/api/gateways/" + GATEWAY + "/walktest").path("active").asBoolean()).isTrue();

        // the sensors are played from now: the timeline runs only inside the walk test
        ManagedProcess sim = start("sim", List.of(java(), "-jar", root.resolve("simulator/target/onegrid-sim.jar").toString(),
                "run", root.resolve("e2e-tests/src/test/resources/walktest-scenario.yaml").toString(),
                "--modbus-port", String.valueOf(modbusPort), "--gpio-port", String.valueOf(gpioPort)), Map.of());
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));

        try {
            await("hub saw the triggers and the faults").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        JsonNode w = installer.get("/api/gateways/" + GATEWAY + "/walktest");
                        return devices(w.path("devices")).containsAll(List.of("smoke-302", "sos-302"))
                                && fault(w, "hydrant-b7") != null && fault(w, "hydrant-b7").path("raised").asBoolean()
                                && fault(w, "sos-302") != null && !fault(w, "sos-302").path("raised").asBoolean();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("walk test at the hub: " + installer.get("/api/gateways/" + GATEWAY + "/walktest")
                    + "\nwalktest " + (walk.alive() ? "running" : "exited " + walk.exitCode()) + ", output:\n" + walk.tail(), e);
        }
        // the live view printed each trigger and the meter's fault as they came
        walk.awaitLine("smoke-302\\s+triggered at \\d\\d:\\d\\d:\\d\\d, smoke=true", Duration.ofSeconds(10));
        walk.awaitLine("sos-302\\s+triggered at .*pressed=true", Duration.ofSeconds(10));
        walk.awaitLine("hydrant-b7\\s+waiting\\s+FAULT: ", Duration.ofSeconds(10));

        // WHEN the installer presses Ctrl-C (SIGTERM reaches the same shutdown path as SIGINT)
        long ctrlC = System.nanoTime();
        walk.close();
        assertThat((System.nanoTime() - ctrlC) / 1e9).as("the report is stored at once, not after a timeout").isLessThan(15.0);
        assertThat(walk.printed("report saved to .* and stored on the hub")).as(walk.tail()).isTrue();
        assertThat(walk.exitCode()).as("the shell's status for a stop by signal").isEqualTo(143);
        assertThat(walk.printed("untested: hydrant-b7")).as(walk.tail()).isTrue();
        assertThat(walk.printed("fault: hydrant-b7 device\\.comm-fault, .*\\(still raised: check the device\\)")).as(walk.tail())
                .isTrue();

        JsonNode report = installer.get("/api/gateways/" + GATEWAY + "/commissioning");
        assertThat(strings(report.path("commissioned"))).containsExactlyInAnyOrder("smoke-302", "sos-302");
        assertThat(strings(report.path("untested"))).containsExactly("hydrant-b7");
        JsonNode smoke = entry(report.path("devices"), "smoke-302");
        assertThat(smoke.path("value").asText()).contains("smoke=true");
        assertThat(smoke.path("roundTripMs").asLong()).as(smoke.toString()).isBetween(0L, 10_000L);
        assertThat(strings(smoke.path("seenBy"))).contains("hub");
        assertThat(entry(report.path("devices"), "sos-302").path("value").asText()).contains("pressed=true");
        assertThat(entry(report.path("faults"), "hydrant-b7").path("caseType").asText()).isEqualTo("device.comm-fault");
        assertThat(entry(report.path("faults"), "hydrant-b7").path("raised").asBoolean()).isTrue();
        assertThat(entry(report.path("faults"), "sos-302").path("caseType").asText()).isEqualTo("device.tamper");
        assertThat(report.path("submittedBy").asText()).isEqualTo("inst-bs");
        assertThat(JSON.readTree(reportFile.toFile()).path("id").asLong()).as("the saved file is the hub's stored report")
                .isEqualTo(report.path("id").asLong());

        JsonNode ended = installer.get("/api/gateways/" + GATEWAY + "/walktest");
        assertThat(ended.path("active").asBoolean()).isFalse();
        assertThat(ended.path("endedBy").asText()).isEqualTo("inst-bs");
        int devicesSeen = 0;
        for (JsonNode d : admin.get("/api/devices").path("items")) {
            if (!GATEWAY.equals(d.path("gateway").asText())) continue;
            devicesSeen++;
            assertThat(d.path("commissioned").asBoolean()).as(d.path("id").asText())
                    .isEqualTo(!d.path("id").asText().equals("hydrant-b7"));
        }
        assertThat(devicesSeen).isEqualTo(3);
        List<String> caseTypes = new ArrayList<>();
        for (JsonNode c : admin.get("/api/cases?limit=100").path("items")) caseTypes.add(c.path("type").asText());
        assertThat(caseTypes).as("the walk test's alarms opened no case").doesNotContain("fire.smoke", "welfare.sos", "device.tamper");
    }

    private static List<String> devices(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(d -> out.add(d.path("device").asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return out;
    }

    private static JsonNode fault(JsonNode walkTest, String device) {
        for (JsonNode f : walkTest.path("faults")) if (f.path("device").asText().equals(device)) return f;
        return null;
    }

    private static JsonNode entry(JsonNode items, String device) {
        for (JsonNode d : items) if (d.path("device").asText().equals(device)) return d;
        throw new AssertionError("no " + device + " in " + items);
    }
}
