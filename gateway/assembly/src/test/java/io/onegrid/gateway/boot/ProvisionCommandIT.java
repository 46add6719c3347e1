package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar's {@code provision} command against the real hub jar (its own process, demo grid), then the gateway
 * jar started on the configuration it wrote: the installer's path from a claim code to a gateway online at its site.
 */
class ProvisionCommandIT {
    private static final String ADMIN_PASSWORD = "admin-password-for-its";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> hubOutput = new CopyOnWriteArrayList<>();
    private Process hub;
    private GatewayProcess gateway;

    @TempDir
    Path work;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (hub != null) {
            hub.destroy();
            hub.waitFor();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private JsonNode call(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String startHub(int httpPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("onegrid.hub.jar", "../../cloud-bridge/target/onegrid-hub.jar"),
                "--data-dir", work.resolve("hub").toString(),
                "--grid", System.getProperty("onegrid.demo.grid", "../../cloud-bridge/config/demo-grid.yaml"),
                "--http-port", String.valueOf(httpPort), "--mqtt-port", String.valueOf(freePort()))
                .redirectErrorStream(true);
        pb.environment().put("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD);
        hub = pb.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) hubOutput.add(l);
            } catch (java.io.IOException ended) {
                // the hub stopped
            }
        }, "hub-output");
        pump.setDaemon(true);
        pump.start();
        await("hub up").atMost(Duration.ofSeconds(60))
                .until(() -> hubOutput.stream().anyMatch(l -> l.contains("HTTP listening on")) || !hub.isAlive());
        assertThat(hub.isAlive()).as(String.join("\n", hubOutput)).isTrue();
        String url = "http://127.0.0.1:" + httpPort;
        return call("POST", url + "/api/auth/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null).path("token").asText();
    }

    /**
     * GIVEN the real hub and an admin's claim code for bldg-7 WHEN {@code java -jar onegrid-gateway.jar provision} runs
     * and the gateway jar then starts on the gateway.yaml it wrote THEN provision exits 0 leaving the secret 0600, and the
     * gateway connects with that secret and is online at bldg-7.
     */
    @Test
    void provisionedConfigurationStartsAGatewayThatConnects() throws Exception {
        int httpPort = freePort();
        String url = "http://127.0.0.1:" + httpPort;
        String token = startHub(httpPort);
        String code = call("POST", url + "/api/claims", "{\"site\":\"bldg-7\",\"ttl\":\"1h\"}", token).path("code").asText();
        Path dir = work.resolve("etc-onegrid");

        GatewayProcess provision = GatewayProcess.run(work, "provision", "--hub", url, "--claim", code,
                "--config-dir", dir.toString(), "--gateway-id", "gw-boot-it");
        assertThat(provision.waitFor(60)).as(provision.transcript()).isZero();
        assertThat(provision.out()).anyMatch(l -> l.contains("claimed: gateway gw-boot-it at site bldg-7"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub-password")))).isEqualTo("rw-------");

        // storage.dir is /var/lib/onegrid as on a Pi; the launch property keeps this run's state in the temp folder
        gateway = GatewayProcess.start(work, "onegrid.config=" + dir.resolve("gateway.yaml"),
                "onegrid.storage=" + work.resolve("state"));
        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", url + "/api/gateways/gw-boot-it", null, token).path("state").asText().equals("online"));
        assertThat(call("GET", url + "/api/gateways/gw-boot-it", null, token).path("site").asText()).isEqualTo("bldg-7");
    }

    /** GIVEN the jar WHEN provision and walktest are asked for help or given bad usage THEN they exit 0 and 2. */
    @Test
    void installerCommandsExitCodesFromTheJar() throws Exception {
        GatewayProcess help = GatewayProcess.run(work, "provision", "--help");
        assertThat(help.waitFor(60)).as(help.transcript()).isZero();
        assertThat(String.join("\n", help.out())).contains("--claim").contains("--config-dir");
        GatewayProcess walkHelp = GatewayProcess.run(work, "walktest", "--help");
        assertThat(walkHelp.waitFor(60)).as(walkHelp.transcript()).isZero();
        assertThat(String.join("\n", walkHelp.out())).contains("--duration");
        GatewayProcess usage = GatewayProcess.run(work, "walktest", "--hub", "https://hub.example.org");
        assertThat(usage.waitFor(60)).isEqualTo(2);
    }
}
