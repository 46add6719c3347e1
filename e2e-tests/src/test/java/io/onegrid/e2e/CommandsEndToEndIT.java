package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Commands from the hub with every part in its own process: the REST API of the hub jar → MQTT → the assembled OSGi
 * gateway (its dispatcher and the poller's, config loader's and uplink's handlers) → the simulated GPIO lines.
 */
// Runs beside another test: nothing here depends on machine speed (a late gateway finds the smoke at its first reading).
@Execution(ExecutionMode.CONCURRENT)
class CommandsEndToEndIT {
    private static final String GATEWAY = "gw-e2e-cmd";
    private static final String GATEWAY_SECRET = "e2e-cmd-gateway-secret-2a7c";
    private static final String ADMIN_PASSWORD = "e2e-cmd-admin-password-6f1d";

    @TempDir
    Path work;

    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
    }

    /**
     * GIVEN hub, simulator and gateway as processes WHEN an admin sends ping THEN the gateway's pong comes back as the
     * HTTP answer; WHEN smoke sounds the flat's siren and the admin writes siren=false THEN the simulated siren goes
     * off; a read returns the detector's smoke state now; writing the smoke input is refused as not_writable and an
     * unknown command as unknown_command, each with a reply; status counts the device; reload re-reads the unchanged
     * file; every command is listed and audited.
     */
    @Test
    void pingAndSilenceASirenThroughTheRealGateway() throws Exception {
        Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("onegrid.e2e.logs", root.resolve("e2e-tests/target/e2e-logs").toString()))
                .resolve("commands");
        int mqttPort = freePort();
        int httpPort = freePort();
        int gpioPort = freePort();
        ManagedProcess hub = start(ManagedProcess.start("hub", logs, List.of(java(), "-jar",
                root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(), "--data-dir", work.resolve("hub").toString(),
                "--mqtt-port", String.valueOf(mqttPort), "--http-port", String.valueOf(httpPort),
                "--gateway", GATEWAY + ":" + GATEWAY_SECRET), Map.of("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD)));
        // the simulator starts beside the hub; the gateway once both listen
        ManagedProcess sim = start(ManagedProcess.start("sim", logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run",
                root.resolve("e2e-tests/src/test/resources/commands-scenario.yaml").toString(),
                "--modbus-port", "0", "--gpio-port", String.valueOf(gpioPort)), Map.of()));
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(60));
        Path config = GatewayConfig.write(work, GATEWAY, GATEWAY_SECRET, mqttPort, gpioPort, """
                  - id: smoke-302
                    profile: smoke-detector-gpio
                    address: smoke=flat302.smoke,siren=flat302.siren
                    site: bldg-7
                    unit: "302"
                """);
        ManagedProcess gateway = start(ManagedProcess.start("gateway", logs, List.of(java(), "-Donegrid.config=" + config,
                "-jar", root.resolve("gateway/target/onegrid-gateway.jar").toString()), Map.of()));
        HubClient admin = new HubClient(httpPort);
        admin.login("admin", ADMIN_PASSWORD);

        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/gateways/" + GATEWAY).path("online").asBoolean());
        // ping: the gateway subscribes right after its birth; a command a moment early waits for that at the hub
        HubClient.Answer pong = admin.post(commands(), "{\"command\":\"ping\",\"timeout\":\"9s\"}");
        assertThat(pong.status()).as(String.valueOf(pong.body())).isEqualTo(200);
        assertThat(pong.body().path("state").asText()).isEqualTo("replied");
        assertThat(pong.body().path("reply").path("result").path("pong").asBoolean()).isTrue();

        // smoke sounds the siren by itself (edge rules); the operator silences it by command
        sim.awaitLine("siren flat302\\.siren ON", Duration.ofSeconds(60));
        HubClient.Answer read = admin.post(commands(), "{\"command\":\"read\",\"args\":{\"device\":\"smoke-302\"}}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(reading(read.body(), "smoke").path("value").asBoolean()).as(read.body().toString()).isTrue();
        HubClient.Answer silence = admin.post(commands(), "{\"command\":\"write\",\"args\":{\"device\":\"smoke-302\","
                + "\"channel\":\"siren\",\"value\":false}}");
        assertThat(silence.status()).isEqualTo(200);
        assertThat(silence.body().path("state").asText()).as(silence.body().toString()).isEqualTo("replied");
        sim.awaitLine("siren flat302\\.siren OFF", Duration.ofSeconds(10));

        HubClient.Answer input = admin.post(commands(), "{\"command\":\"write\",\"args\":{\"device\":\"smoke-302\","
                + "\"channel\":\"smoke\",\"value\":false}}");
        assertThat(input.body().path("state").asText()).isEqualTo("failed");
        assertThat(input.body().path("errorCode").asText()).isEqualTo("not_writable");
        HubClient.Answer unknown = admin.post(commands(), "{\"command\":\"reboot\"}");
        assertThat(unknown.body().path("errorCode").asText()).isEqualTo("unknown_command");
        HubClient.Answer status = admin.post(commands(), "{\"command\":\"status\"}");
        assertThat(status.body().path("reply").path("result").path("devicesTotal").asInt()).isEqualTo(1);
        HubClient.Answer reload = admin.post(commands(), "{\"command\":\"reload\"}");
        assertThat(reload.body().path("state").asText()).as(reload.body().toString()).isEqualTo("replied");
        assertThat(reload.body().path("reply").path("result").path("changed").asBoolean()).isFalse();

        JsonNode listed = admin.get(commands());
        assertThat(listed.path("items").size()).isEqualTo(7);
        long audited = 0;
        for (JsonNode a : admin.get("/api/audit?limit=100").path("items")) {
            if (a.path("action").asText().equals("send command")) audited++;
        }
        assertThat(audited).isEqualTo(7);
        assertThat(gateway.alive()).isTrue();
    }

    private ManagedProcess start(ManagedProcess p) {
        started.add(p);
        return p;
    }

    private static String commands() {
        return "/api/gateways/" + GATEWAY + "/commands";
    }

    private static JsonNode reading(JsonNode command, String channel) {
        for (JsonNode r : command.path("reply").path("result").path("readings")) {
            if (channel.equals(r.path("channel").asText())) return r;
        }
        throw new AssertionError("no reading of " + channel + " in " + command);
    }
}
