package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as a user starts it: output lines, admin bootstrap, exit codes, SIGTERM. */
class HubProcessIT {
    @TempDir
    Path dir;

    private String[] args(String... extra) {
        String[] base = {"--mqtt-port", "0", "--http-port", "0", "--data-dir", dir.toString(), "--password-iterations", "1000"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /**
     * Verifies the first start prints the generated admin password once, the listener lines with real
     * ports, that the password logs in, that SIGTERM stops cleanly, and a second start prints no password.
     */
    @Test
    void firstStartBootstrapsAdminAndStopsOnSigterm() throws Exception {
        String password;
        try (HubProcess hub = new HubProcess(Map.of(), args())) {
            String adminLine = hub.awaitLine("Admin login: admin / ");
            password = adminLine.substring("Admin login: admin / ".length());
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(hub.awaitLine("MQTT listening on 127.0.0.1:")).doesNotEndWith(":0");
            int http = hub.port("HTTP listening on http://127.0.0.1:");
            assertThat(http).isPositive();
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/api/auth/login")).POST(HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("username", "admin").put("password", password).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            hub.sigterm();
            assertThat(hub.waitFor()).isEqualTo(143);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.line("Hub stopped").isPresent());
            assertThat(String.join("\n", hub.err)).doesNotContain(password);
        }
        try (HubProcess again = new HubProcess(Map.of(), args())) {
            again.awaitLine("HTTP listening on ");
            assertThat(again.line("Admin login")).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("hub.db"))).isTrue();
    }

    /**
     * Verifies that under systemd (JOURNAL_STREAM set: the output is the journal) the generated admin password is
     * never printed: it is in a mode-0600 file of the data folder that the output names, and it logs in.
     */
    @Test
    void underSystemdTheGeneratedPasswordGoesToAPrivateFileNotTheJournal() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of("JOURNAL_STREAM", "8:4242"), args())) {
            String line = hub.awaitLine("Admin login: admin, generated password in ");
            Path file = dir.resolve("initial-admin-password");
            assertThat(line).contains(file.toString()).contains("mode 0600");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            int http = hub.port("HTTP listening on http://127.0.0.1:");
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/api/auth/login")).POST(HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("username", "admin").put("password", password).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(String.join("\n", hub.out) + String.join("\n", hub.err)).doesNotContain(password);
        }
    }

    /** Verifies a bad setting exits with code 2 and a message naming the flag. */
    @Test
    void badSettingExitsWith2() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of("ONEGRID_HUB_TOKEN_TTL", "forever"), args())) {
            assertThat(hub.waitFor()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> !hub.err.isEmpty());
            assertThat(hub.err.get(0)).startsWith("onegrid-hub: --token-ttl: must be a duration");
        }
    }

    /** Verifies --help prints the settings and exits 0. */
    @Test
    void helpExitsZero() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of(), "--help")) {
            assertThat(hub.waitFor()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.line("  --demo-gateway").isPresent());
        }
    }

    /**
     * Verifies the demo gateway with ONEGRID_DEMO_GATEWAY_PASSWORD, and gateways from the comma-separated
     * ONEGRID_HUB_GATEWAY list (the form that keeps secrets out of ps), connect with Paho and publish.
     */
    @Test
    void demoAndEnvGatewaysConnect() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of("ONEGRID_DEMO_GATEWAY_PASSWORD", "demo-pass-from-env",
                "ONEGRID_HUB_GATEWAY", "gw-env-a:secret-env-a, gw-env-b:secret:env:b",
                "ONEGRID_ADMIN_PASSWORD", "admin-from-env"), args("--demo-gateway"))) {
            int mqtt = hub.port("MQTT listening on 127.0.0.1:");
            assertThat(hub.line("Admin login")).isEmpty();
            for (String[] gw : new String[][] {{"gw-demo-01", "demo-pass-from-env"}, {"gw-env-a", "secret-env-a"},
                    {"gw-env-b", "secret:env:b"}}) {
                MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + mqtt, gw[0], new MemoryPersistence());
                c.connect(HubFixture.options(gw[0], gw[1])).waitForCompletion(5000);
                byte[] payload = new io.onegrid.protocol.EnvelopeCodec().encode(Envelopes.hydrantLow(gw[0], 1, "a-1"));
                assertThat(HubFixture.publish(c, "og/v1/gw/" + gw[0] + "/alarm", payload)).isZero();
                c.disconnect().waitForCompletion(2000);
                c.close(true);
            }
        }
    }
}
