package io.onegrid.gateway.installer;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real hub jar (cloud-bridge/target/onegrid-hub.jar) as its own process on free loopback ports, and its REST API. */
final class HubProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-password-for-its";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient http;
    private final String scheme;
    final int httpPort;
    final int mqttPort;
    private String token;

    private HubProcess(Process process, int httpPort, int mqttPort, javax.net.ssl.SSLContext tls) {
        this.process = process;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) b.sslContext(tls);
        this.http = b.build();
        this.scheme = tls == null ? "http" : "https";
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
        Thread pump = new Thread(this::pump, "hub-output");
        pump.setDaemon(true);
        pump.start();
    }

    static HubProcess start(Path dataDir, String... extra) throws IOException, InterruptedException {
        return start(dataDir, null, extra);
    }

    /** @param tls the client side for a hub started with --http-tls-* options in {@code extra}, else null */
    static HubProcess start(Path dataDir, javax.net.ssl.SSLContext tls, String... extra) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("onegrid.hub.jar", "../../cloud-bridge/target/onegrid-hub.jar"));
        Path grid = Path.of(System.getProperty("onegrid.demo.grid", "../../cloud-bridge/config/demo-grid.yaml"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: build cloud-bridge first (-am)");
        int httpPort = freePort();
        int mqttPort = freePort();
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--data-dir", dataDir.toString(), "--grid", grid.toString(),
                "--http-port", String.valueOf(httpPort), "--mqtt-port", String.valueOf(mqttPort)));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD);
        HubProcess hub = new HubProcess(pb.start(), httpPort, mqttPort, tls);
        await("hub HTTP listening").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> hub.printed("HTTP listening on") || !hub.process.isAlive());
        if (!hub.process.isAlive()) throw new IllegalStateException("hub exited: " + hub.output);
        hub.token = hub.login("admin", ADMIN_PASSWORD);
        return hub;
    }

    String url() {
        return scheme + "://127.0.0.1:" + httpPort;
    }

    /** The hub's output so far, for failure messages. */
    String output() {
        return String.join("\n", output);
    }

    boolean printed(String text) {
        return output.stream().anyMatch(l -> l.contains(text));
    }

    String login(String user, String password) throws IOException, InterruptedException {
        JsonNode r = call("POST", "/api/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        return r.path("token").asText();
    }

    /** A new claim code for a site, made by the admin. */
    String claim(String site) throws IOException, InterruptedException {
        return call("POST", "/api/claims", "{\"site\":\"" + site + "\",\"ttl\":\"1h\"}", token).path("code").asText();
    }

    /** {@link #claim} for bldg-7, for lambdas that may not throw. */
    String claimUnchecked() {
        try {
            return claim("bldg-7");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST or PUT as admin; the JSON answer, whatever the status (the status as field "_status"). */
    JsonNode call(String method, String path, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (n.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_status", r.statusCode());
        return n;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, token);
    }

    String token() {
        return token;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) output.add(line);
        } catch (IOException ended) {
            // the process is gone
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
