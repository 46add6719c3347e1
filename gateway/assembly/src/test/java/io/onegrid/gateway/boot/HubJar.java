package io.onegrid.gateway.boot;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real hub jar (cloud-bridge/target/onegrid-hub.jar) on the demo grid as a process of a gateway-jar test, on free
 * loopback ports, with the admin signed in: what the installer's commands are run against.
 */
final class HubJar implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-password-for-its";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Process process;
    final String url;
    final String token;

    private HubJar(Process process, int httpPort) throws Exception {
        this.process = process;
        this.url = "http://127.0.0.1:" + httpPort;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) output.add(l);
            } catch (IOException ended) {
                // the hub stopped
            }
        }, "hub-output");
        pump.setDaemon(true);
        pump.start();
        await("hub up").atMost(Duration.ofSeconds(60))
                .until(() -> output.stream().anyMatch(l -> l.contains("HTTP listening on")) || !process.isAlive());
        if (!process.isAlive()) throw new IllegalStateException("hub exited:\n" + String.join("\n", output));
        this.token = call("POST", "/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null)
                .path("token").asText();
    }

    /** Starts the hub with its data under {@code dataDir}; {@code extra} are more hub options (TLS files). */
    static HubJar start(Path dataDir, String... extra) throws Exception {
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("onegrid.hub.jar", "../../cloud-bridge/target/onegrid-hub.jar"),
                "--data-dir", dataDir.toString(),
                "--grid", System.getProperty("onegrid.demo.grid", "../../cloud-bridge/config/demo-grid.yaml"),
                "--http-port", String.valueOf(httpPort), "--mqtt-port", String.valueOf(freePort())));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return new HubJar(pb.start(), httpPort);
    }

    /** The JSON answer of {@code method path} (path from /api), as the user of {@code bearer} (null: none). */
    JsonNode call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** GET as the admin. */
    JsonNode get(String path) throws Exception {
        return call("GET", path, null, token);
    }

    /** A claim code for bldg-7 made by the admin. */
    String claim() throws Exception {
        return call("POST", "/api/claims", "{\"site\":\"bldg-7\",\"ttl\":\"1h\"}", token).path("code").asText();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
