package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.config.HubConfig;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outgoing webhooks over real HTTP: a real hub (demo grid, alarms over MQTT) and receivers on the JDK's HTTP server
 * or a socket that never answers. Retries are fast here (100 ms doubling to 400 ms) so that a test lasts seconds.
 */
class WebhooksIT {
    private static final String SECRET = "it-signing-secret-0123456789";

    @TempDir
    Path dir;
    HubFixture hub;
    HubConfig config;
    String admin;
    MqttAsyncClient gateway;
    int seq;
    final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    private void start(Duration timeout) throws Exception {
        start(timeout, Optional.empty());
    }

    private void start(Duration timeout, Optional<Path> keyFile) throws Exception {
        config = HubFixture.config(dir).withWebhooks(new HubConfig.WebhookSettings(timeout, 5, Duration.ofMillis(100),
                Duration.ofMillis(400), 16, 1, keyFile));
        restart();
        hub.importDemoGrid(admin);
    }

    private void restart() throws Exception {
        hub = HubFixture.start(config, UnaryOperator.identity());
        admin = hub.adminToken();
        gateway = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
    }

    private void stop() throws Exception {
        if (gateway != null && gateway.isConnected()) gateway.disconnect().waitForCompletion(5000);
        if (gateway != null) gateway.close(true);
        gateway = null;
        if (hub != null) hub.close();
        hub = null;
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        for (AutoCloseable c : closing) c.close();
    }

    private WebhookReceiver receiver() throws IOException {
        WebhookReceiver r = new WebhookReceiver();
        closing.add(r);
        return r;
    }

    /** Subscribes; returns the answer to the POST (201 with id and secret). */
    private JsonObject subscribe(String url, String node, List<String> types) throws Exception {
        JsonObject body = new JsonObject().put("url", url).put("node", node).put("caseTypes", new JsonArray(types))
                .put("secret", SECRET);
        HttpResponse<String> r = hub.post("/api/webhooks", body.encode(), admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    /** Raises a smoke alarm in a flat; returns its PUBACK reason code (0 once it is committed). */
    private int alarm(String site, String unit, String caseType) throws Exception {
        seq++;
        Timestamp ts = new Timestamp(System.currentTimeMillis(), seq * 1000L);
        return hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", seq, ts, new Body.Alarm("a-" + seq,
                "det-" + site + "-" + unit, "smoke", Body.Transition.RAISED, "CRITICAL", caseType, Location.unit(site, unit),
                ts, "smoke detected", List.of())));
    }

    private JsonArray deliveries(long webhookId) throws Exception {
        HttpResponse<String> r = hub.get("/api/webhooks/" + webhookId + "/deliveries", admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("items");
    }

    private static String hmac(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * GIVEN a subscription for fire.* on community xh-bs-sg WHEN a smoke alarm in bldg-7/302 opens a case THEN the
     * receiver gets one POST whose headers carry the event id, the delivery id, a current timestamp and a valid
     * HMAC of timestamp.body, whose body is the opened case's summary, and the API lists it as delivered; the list
     * of subscriptions never shows the secret.
     */
    @Test
    void openedCaseIsDeliveredSigned() throws Exception {
        start(Duration.ofSeconds(2));
        WebhookReceiver r = receiver();
        JsonObject created = subscribe(r.url("/hotline/in?token=abc"), "xh-bs-sg", List.of("fire.*"));
        assertThat(created.getString("secret")).isEqualTo(SECRET);
        assertThat(created.getBoolean("enabled")).isTrue();
        long id = created.getLong("id");

        assertThat(alarm("bldg-7", "302", "fire.smoke")).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> r.requests.size() == 1);
        WebhookReceiver.Request req = r.requests.get(0);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/hotline/in?token=abc");
        assertThat(req.header("Content-Type")).startsWith("application/json");
        long ts = Long.parseLong(req.header("X-OneGrid-Timestamp"));
        assertThat(ts).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 5);
        assertThat(req.header("X-OneGrid-Signature")).isEqualTo(hmac(SECRET, req.header("X-OneGrid-Timestamp"), req.body()));
        JsonObject body = new JsonObject(req.body());
        assertThat(body.getLong("eventId")).isEqualTo(Long.parseLong(req.header("X-OneGrid-Event-Id")));
        assertThat(body.getString("change")).isEqualTo("opened");
        JsonObject c = body.getJsonObject("case");
        assertThat(c.getString("type")).isEqualTo("fire.smoke");
        assertThat(c.getString("gridNode")).isNotNull();
        assertThat(c.getString("site")).isEqualTo("bldg-7");
        assertThat(c.containsKey("residentId")).isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(deliveries(id).getJsonObject(0).getString("state")));
        JsonObject d = deliveries(id).getJsonObject(0);
        assertThat(d.getLong("id")).isEqualTo(Long.parseLong(req.header("X-OneGrid-Delivery")));
        assertThat(d.getLong("eventId")).isEqualTo(body.getLong("eventId"));
        assertThat(d.getLong("caseId")).isEqualTo(c.getLong("id"));
        assertThat(d.getInteger("attempts")).isEqualTo(1);
        assertThat(d.getInteger("httpStatus")).isEqualTo(204);
        assertThat(d.getString("nextAttemptAt")).isNull();
        String list = hub.get("/api/webhooks", admin).body();
        assertThat(list).doesNotContain(SECRET);
        JsonObject listed = new JsonObject(list).getJsonArray("items").getJsonObject(0);
        assertThat(listed.getJsonObject("lastDelivery").getString("state")).isEqualTo("delivered");
        assertThat(listed.getJsonObject("lastDelivery").getInteger("httpStatus")).isEqualTo(204);
    }

    /**
     * GIVEN a receiver that answers 500 twice and then 200 WHEN a case opens THEN it gets the same body three times
     * and the delivery is delivered on the third attempt.
     */
    @Test
    void receiverFailingTwiceGetsItOnTheThirdAttempt() throws Exception {
        start(Duration.ofSeconds(2));
        WebhookReceiver r = receiver().answer(500, 500).thenAnswer(200);
        long id = subscribe(r.url("/in"), "xh", List.of()).getLong("id");

        alarm("bldg-7", "201", "fire.smoke");

        await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(id).size() == 1
                && "delivered".equals(deliveries(id).getJsonObject(0).getString("state")));
        JsonObject d = deliveries(id).getJsonObject(0);
        assertThat(d.getInteger("attempts")).isEqualTo(3);
        assertThat(d.getInteger("httpStatus")).isEqualTo(200);
        assertThat(r.requests).hasSize(3);
        assertThat(r.requests).extracting(WebhookReceiver.Request::body).containsOnly(r.requests.get(0).body());
        assertThat(r.requests).extracting(q -> q.header("X-OneGrid-Delivery")).containsOnly(String.valueOf(d.getLong("id")));
    }

    /**
     * GIVEN a subscription whose receiver accepts connections and never answers (timeout 10 s) and a healthy one WHEN
     * three alarms open cases THEN each case is visible in the API within 2 s of its alarm, and the healthy receiver
     * has all three, in event order, well before the dead one's first timeout: the dead receiver delays neither
     * ingest nor others.
     */
    @Test
    void deadReceiverDelaysNeitherIngestNorOtherSubscriptions() throws Exception {
        start(Duration.ofSeconds(10));
        DeadReceiver dead = new DeadReceiver();
        closing.add(dead);
        WebhookReceiver healthy = receiver();
        subscribe(dead.url(), "xh", List.of());
        subscribe(healthy.url("/ok"), "xh", List.of());
        long start = System.nanoTime();

        for (String unit : List.of("101", "301", "401")) {
            long t0 = System.nanoTime();
            assertThat(alarm("bldg-7", unit, "fire.smoke")).isZero();
            await().atMost(Duration.ofSeconds(2)).until(() -> new JsonObject(hub.get("/api/cases?site=bldg-7&unit=" + unit,
                    admin).body()).getInteger("total") == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> healthy.requests.size() == 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(healthy.requests).extracting(q -> Long.parseLong(q.header("X-OneGrid-Event-Id"))).isSorted();
        assertThat(dead.accepted()).isEqualTo(1); // one slot for its subscription, held until the timeout
    }

    /**
     * GIVEN a delivery that failed (receiver answering 503) WHEN the hub stops, the receiver recovers and the hub
     * starts again on the same data THEN the pending delivery is resumed and delivered, with the same event id.
     */
    @Test
    void restartResumesPendingDelivery() throws Exception {
        start(Duration.ofSeconds(2));
        WebhookReceiver r = receiver().thenAnswer(503);
        long id = subscribe(r.url("/in"), "xh", List.of()).getLong("id");
        alarm("bldg-7", "102", "fire.smoke");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(id).size() == 1
                && "failed".equals(deliveries(id).getJsonObject(0).getString("state")));

        stop();
        int before = r.requests.size();
        r.thenAnswer(200);
        restart();

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(deliveries(id).getJsonObject(0).getString("state")));
        assertThat(r.requests.size()).isGreaterThan(before);
        assertThat(r.requests).extracting(q -> q.header("X-OneGrid-Event-Id")).containsOnly(r.requests.get(0).header("X-OneGrid-Event-Id"));
        assertThat(deliveries(id)).hasSize(1);
    }

    /**
     * GIVEN an operator of xh-bs-sg WHEN they call each webhook endpoint THEN every one answers 403; without a token
     * 401; the admin gets 404 for an unknown id and 400 for a bad body, and may pause and delete.
     */
    @Test
    void adminApiIsForAdminsOnly() throws Exception {
        start(Duration.ofSeconds(2));
        assertThat(hub.post("/api/users", new JsonObject().put("username", "op-sg").put("password", "operator-password-1")
                .put("role", "operator").put("scope", "xh-bs-sg").encode(), admin).statusCode()).isEqualTo(201);
        String op = hub.login("op-sg", "operator-password-1");
        long id = subscribe("http://127.0.0.1:9/in", "xh", List.of()).getLong("id");
        String create = new JsonObject().put("url", "http://127.0.0.1:9/x").put("node", "xh").encode();

        assertThat(hub.post("/api/webhooks", create, op).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/webhooks", op).statusCode()).isEqualTo(403);
        assertThat(hub.send("PATCH", "/api/webhooks/" + id, "{\"enabled\":false}", op).statusCode()).isEqualTo(403);
        assertThat(hub.send("DELETE", "/api/webhooks/" + id, null, op).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/webhooks/" + id + "/deliveries", op).statusCode()).isEqualTo(403);
        assertThat(new JsonObject(hub.get("/api/webhooks", op).body()).getString("error")).isEqualTo("forbidden");
        assertThat(hub.get("/api/webhooks", null).statusCode()).isEqualTo(401);

        HttpResponse<String> bad = hub.post("/api/webhooks", "{\"url\":\"ftp://x\",\"node\":\"xh\"}", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("message")).contains("'url'");
        assertThat(hub.send("PATCH", "/api/webhooks/9999", "{\"enabled\":false}", admin).statusCode()).isEqualTo(404);
        HttpResponse<String> paused = hub.send("PATCH", "/api/webhooks/" + id, "{\"enabled\":false}", admin);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(paused.body()).getBoolean("enabled")).isFalse();
        assertThat(hub.send("DELETE", "/api/webhooks/" + id, null, admin).statusCode()).isEqualTo(204);
        assertThat(hub.get("/api/webhooks/" + id + "/deliveries", admin).statusCode()).isEqualTo(404);
        assertThat(new JsonObject(hub.get("/api/audit", admin).body()).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("action")).toList())
                .contains("create webhook", "pause webhook", "delete webhook");
    }

    /**
     * GIVEN subscriptions on another street (xh-ly), for another case type (welfare.*) and a paused one on the right
     * community WHEN a smoke alarm opens a case in bldg-7 THEN only the subscription on xh-bs-sg gets it; once the
     * paused one is resumed it gets the next case only.
     */
    @Test
    void otherSubtreeTypeAndPausedGetNothing() throws Exception {
        start(Duration.ofSeconds(2));
        WebhookReceiver right = receiver();
        WebhookReceiver otherStreet = receiver();
        WebhookReceiver otherType = receiver();
        WebhookReceiver paused = receiver();
        long rightId = subscribe(right.url("/sg"), "xh-bs-sg", List.of()).getLong("id");
        long otherStreetId = subscribe(otherStreet.url("/ly"), "xh-ly", List.of()).getLong("id");
        long otherTypeId = subscribe(otherType.url("/w"), "xh", List.of("welfare.*")).getLong("id");
        long pausedId = subscribe(paused.url("/p"), "xh-bs-sg", List.of()).getLong("id");
        hub.send("PATCH", "/api/webhooks/" + pausedId, "{\"enabled\":false}", admin);

        alarm("bldg-7", "402", "fire.smoke");
        await().atMost(Duration.ofSeconds(10)).until(() -> right.requests.size() == 1);

        assertThat(deliveries(otherStreetId)).isEmpty();
        assertThat(deliveries(otherTypeId)).isEmpty();
        assertThat(deliveries(pausedId)).isEmpty();
        assertThat(otherStreet.requests).isEmpty();
        assertThat(otherType.requests).isEmpty();

        hub.send("PATCH", "/api/webhooks/" + pausedId, "{\"enabled\":true}", admin);
        alarm("mjw-18", "main", "fire.smoke");
        alarm("bldg-7", "512", "fire.smoke");
        await().atMost(Duration.ofSeconds(10)).until(() -> paused.requests.size() == 1 && otherStreet.requests.size() == 1);
        assertThat(new JsonObject(paused.requests.get(0).body()).getJsonObject("case").getString("unit")).isEqualTo("512");
        assertThat(deliveries(rightId)).hasSize(2);
    }

    /**
     * GIVEN a key file in a place the hub cannot write WHEN the hub starts THEN it starts (no webhook needs the key yet);
     * WHEN an admin subscribes THEN the answer is 500 naming the key file and the setting, and nothing is stored.
     */
    @Test
    void keyFileThatCannotBeMadeRefusesSubscriptionsClearly() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "x");
        start(Duration.ofSeconds(2), Optional.of(dir.resolve("not-a-folder/webhook-secrets.key")));

        HttpResponse<String> r = hub.post("/api/webhooks", new JsonObject().put("url", "http://127.0.0.1:9/in")
                .put("node", "xh").encode(), admin);

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(new JsonObject(r.body()).getString("message")).contains("not-a-folder").contains("--webhook-key-file");
        assertThat(new JsonObject(hub.get("/api/webhooks", admin).body()).getJsonArray("items")).isEmpty();
    }

    /** Accepts connections and never reads nor answers: a receiver that hangs. */
    private static final class DeadReceiver implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "dead-receiver");

        DeadReceiver() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }

        int accepted() {
            return held.size();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/never";
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) s.close();
        }
    }
}
