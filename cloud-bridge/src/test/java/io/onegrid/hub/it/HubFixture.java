package io.onegrid.hub.it;

import io.onegrid.hub.Hub;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.store.HubStore;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Topics;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** An in-process hub on ephemeral ports in a temp dir, with HTTP and Paho MQTT 5 helpers. */
final class HubFixture implements AutoCloseable {
    static final String GW = "gw-it-01";
    static final String GW_SECRET = "gw-it-01-secret";
    static final String GW2 = "gw-it-02";
    static final String GW2_SECRET = "gw-it-02-secret";
    static final String ADMIN_PASSWORD = "admin-it-password";

    final Hub hub;
    final HubConfig config;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final EnvelopeCodec codec = new EnvelopeCodec();

    private HubFixture(HubConfig config, UnaryOperator<HubStore> decorator) {
        this(config, Clock.systemUTC(), decorator);
    }

    private HubFixture(HubConfig config, Clock clock, UnaryOperator<HubStore> decorator) {
        this.config = config;
        this.hub = Hub.start(config, clock, new PrintStream(stdout, true, StandardCharsets.UTF_8), decorator);
    }

    /** A hub on an injected clock (walk tests and claim codes that expire without waiting). */
    static HubFixture start(HubConfig config, Clock clock) {
        return new HubFixture(config, clock, UnaryOperator.identity());
    }

    static HubConfig config(Path dir) {
        return HubConfig.defaults().forTests(dir)
                .withGateways(List.of(new GatewayCredential(GW, GW_SECRET), new GatewayCredential(GW2, GW2_SECRET)))
                .withAdminPassword(ADMIN_PASSWORD);
    }

    static HubFixture start(Path dir) {
        return new HubFixture(config(dir), UnaryOperator.identity());
    }

    static HubFixture start(HubConfig config, UnaryOperator<HubStore> decorator) {
        return new HubFixture(config, decorator);
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + hub.mqttPort();
    }

    // ---- MQTT ----

    MqttAsyncClient client(String clientId) throws MqttException {
        return new MqttAsyncClient(mqttUri(), clientId, new MemoryPersistence());
    }

    static MqttConnectionOptions options(String username, String password) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        return o;
    }

    MqttAsyncClient connect(String gw, String secret) throws MqttException {
        MqttAsyncClient c = client(gw);
        c.connect(options(gw, secret)).waitForCompletion(5000);
        return c;
    }

    byte[] encode(Envelope e) {
        return codec.encode(e);
    }

    /** Publishes QoS 1 and returns the PUBACK reason code. */
    static int publish(MqttAsyncClient c, String topic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        IMqttToken t = c.publish(topic, m);
        t.waitForCompletion(5000);
        return t.getReasonCodes() == null ? 0 : t.getReasonCodes()[0];
    }

    int publish(MqttAsyncClient c, Envelope e) throws MqttException {
        return publish(c, Topics.uplink(e.gatewayId(), e.kind()), encode(e));
    }

    // ---- HTTP ----

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String token) throws Exception {
        // longer than the longest a command may wait for its gateway (60 s)
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method, with a JSON body or none. */
    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Replaces the grid with the demo district (bldg-7 in community xh-bs-sg, mjw-18 in street xh-ly). */
    void importDemoGrid(String adminToken) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/grid")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(io.onegrid.hub.grid.GridFile.demoText())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("grid import failed: " + r.statusCode() + " " + r.body());
    }

    java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String token) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user, String password) throws Exception {
        HttpResponse<String> r = post("/api/auth/login",
                new JsonObject().put("username", user).put("password", password).encode(), null);
        if (r.statusCode() != 200) throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body()).getString("token");
    }

    String adminToken() throws Exception {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Replaces the grid with a grid file (YAML), as an admin; fails unless the hub took it. */
    void putGrid(String yaml, String adminToken) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/grid")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("grid refused: " + r.statusCode() + " " + r.body());
    }

    /** Creates a user with a role and a scope (a grid node id), as an admin, and returns the user's token. */
    String user(String name, String role, String scope, String adminToken) throws Exception {
        String password = name + "-it-password";
        HttpResponse<String> r = post("/api/users", new JsonObject().put("username", name).put("password", password)
                .put("role", role).put("scope", scope).encode(), adminToken);
        if (r.statusCode() != 201) throw new AssertionError("user " + name + " refused: " + r.statusCode() + " " + r.body());
        return login(name, password);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    @Override
    public void close() {
        hub.close();
    }
}
