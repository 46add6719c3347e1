package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.testing.TestPki;
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
 * The installer's path with a client certificate: the real hub jar with MQTT over TLS (a server certificate made by
 * openssl), {@code java -jar onegrid-gateway.jar provision} choosing a certificate by itself, and the gateway jar started
 * on what it wrote, logging in by certificate with no password anywhere in its configuration folder.
 */
class ProvisionCertificateIT {
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

    private String startHub(int httpPort, TestPki.Server mqttCert) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("onegrid.hub.jar", "../../cloud-bridge/target/onegrid-hub.jar"),
                "--data-dir", work.resolve("hub").toString(),
                "--grid", System.getProperty("onegrid.demo.grid", "../../cloud-bridge/config/demo-grid.yaml"),
                "--http-port", String.valueOf(httpPort), "--mqtt-port", String.valueOf(freePort()),
                "--mqtt-tls-cert", mqttCert.cert().toString(), "--mqtt-tls-key", mqttCert.key().toString())
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
        return call("POST", "http://127.0.0.1:" + httpPort + "/api/auth/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null).path("token").asText();
    }

    /**
     * GIVEN the real hub with MQTT TLS and an admin's claim code WHEN provision runs without --credential and the gateway
     * jar starts on the gateway.yaml it wrote THEN provision chose a certificate (key 0600, certificate, no password file,
     * no password key), the hub made its gateway CA and said where, and the gateway is online at bldg-7.
     */
    @Test
    void provisionedCertificateConnectsTheGateway() throws Exception {
        TestPki pki = TestPki.create(work.resolve("pki"), "OneGrid test CA");
        TestPki.Server mqttCert = pki.server("hub", "DNS:localhost,IP:127.0.0.1");
        int httpPort = freePort();
        String url = "http://127.0.0.1:" + httpPort;
        String token = startHub(httpPort, mqttCert);
        assertThat(hubOutput).anyMatch(l -> l.contains("made a new gateway CA") && l.contains("gateway-ca.pem"));
        String code = call("POST", url + "/api/claims", "{\"site\":\"bldg-7\",\"ttl\":\"1h\"}", token).path("code").asText();
        Path dir = work.resolve("etc-onegrid");

        GatewayProcess provision = GatewayProcess.run(work, "provision", "--hub", url, "--claim", code,
                "--config-dir", dir.toString(), "--gateway-id", "gw-cert-it", "--ca", pki.caCert.toString());
        assertThat(provision.waitFor(60)).as(provision.transcript()).isZero();
        assertThat(provision.out()).anyMatch(l -> l.contains("the hub signs client certificates"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub-client.key"))))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("hub-client.crt")).exists();
        assertThat(dir.resolve("hub-password")).doesNotExist();
        String yaml = Files.readString(dir.resolve("gateway.yaml"));
        assertThat(yaml).contains("certificateFile:").contains("keyFile:").doesNotContain("password");

        gateway = GatewayProcess.start(work, "onegrid.config=" + dir.resolve("gateway.yaml"),
                "onegrid.storage=" + work.resolve("state"));
        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", url + "/api/gateways/gw-cert-it", null, token).path("state").asText().equals("online"));
        assertThat(call("GET", url + "/api/gateways/gw-cert-it", null, token).path("site").asText()).isEqualTo("bldg-7");
    }
}
