package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.webhooks.WebhookSigner;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.onegrid.testing.ThirdPartyPeers;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver docs/webhooks.md shows (docs/examples/webhook-receiver.py) against the real hub: it accepts what the
 * hub signs and refuses a tampered or replayed request. Needs python3 (skipped without it, failed in CI).
 */
class WebhookReceiverExampleIT {
    private static final String SECRET = "example-receiver-secret-42";
    private static final Path SCRIPT = Path.of("..", "docs", "examples", "webhook-receiver.py");

    @TempDir
    Path dir;
    private Process python;
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private HubFixture hub;
    private WebhookReceiver capture;
    // plain HTTP/1.1 as the hub sends it: no h2c upgrade attempt towards the example server
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() throws Exception {
        if (hub != null) hub.close();
        if (capture != null) capture.close();
        if (python != null) {
            python.destroy();
            python.waitFor();
        }
    }

    /** Starts the example on a free port; returns its URL. */
    private String startExample() throws Exception {
        Path exe = ThirdPartyPeers.require("python3", "python3");
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), SCRIPT.toString(), "0").redirectError(
                ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("WEBHOOK_SECRET", SECRET);
        python = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("the example's first line").startsWith("listening on ");
        Thread reader = new Thread(() -> out.lines().forEach(printed::add), "example-stdout");
        reader.setDaemon(true);
        reader.start();
        return "http://127.0.0.1:" + first.substring("listening on ".length()).trim() + "/onegrid";
    }

    private int replay(String url, WebhookReceiver.Request r, String timestamp, String signature, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header(WebhookSigner.EVENT_ID, r.header(WebhookSigner.EVENT_ID))
                .header(WebhookSigner.TIMESTAMP, timestamp).header(WebhookSigner.SIGNATURE, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * GIVEN the example receiver and a capturing one, subscribed with the same secret WHEN an alarm opens a case THEN
     * the example accepts the hub's delivery (204, the event printed once); the captured request sent again is
     * accepted, with one byte of the body changed it is refused, and re-signed with a timestamp 10 minutes old it is
     * refused as a replay.
     */
    @Test
    void acceptsTheHubsSignatureAndRefusesTamperingAndReplay() throws Exception {
        String example = startExample();
        hub = HubFixture.start(HubFixture.config(dir).withWebhooks(new HubConfig.WebhookSettings(Duration.ofSeconds(2), 3,
                Duration.ofMillis(100), Duration.ofMillis(400), 16, 1, Optional.empty())), UnaryOperator.identity());
        String admin = hub.adminToken();
        hub.importDemoGrid(admin);
        capture = new WebhookReceiver();
        JsonObject sub = new JsonObject(hub.post("/api/webhooks", new JsonObject().put("url", example).put("node", "xh")
                .put("secret", SECRET).encode(), admin).body());
        hub.post("/api/webhooks", new JsonObject().put("url", capture.url("/copy")).put("node", "xh").put("secret", SECRET)
                .encode(), admin);
        MqttAsyncClient gw = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
        Timestamp ts = new Timestamp(System.currentTimeMillis(), 1000);
        assertThat(hub.publish(gw, Envelope.of(HubFixture.GW, "boot-1", 1, ts, new Body.Alarm("a-1", "smoke-302", "smoke",
                Body.Transition.RAISED, "CRITICAL", "fire.smoke", Location.unit("bldg-7", "302"), ts, "smoke", List.of()))))
                .isZero();
        gw.disconnect().waitForCompletion(5000);
        gw.close(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonObject d = new JsonObject(hub.get("/api/webhooks/" + sub.getLong("id") + "/deliveries", admin).body())
                    .getJsonArray("items").stream().map(JsonObject.class::cast).findFirst().orElse(new JsonObject());
            return "delivered".equals(d.getString("state")) && Integer.valueOf(204).equals(d.getInteger("httpStatus"));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !printed.isEmpty() && capture.requests.size() == 1);
        WebhookReceiver.Request real = capture.requests.get(0);
        assertThat(new JsonObject(printed.get(0)).getLong("eventId")).isEqualTo(Long.parseLong(real.header(WebhookSigner.EVENT_ID)));

        String t = real.header(WebhookSigner.TIMESTAMP);
        String sig = real.header(WebhookSigner.SIGNATURE);
        assertThat(replay(example, real, t, sig, real.body())).isEqualTo(204);
        assertThat(replay(example, real, t, sig, real.body().replace("\"opened\"", "\"closed\""))).isEqualTo(401);
        String old = Long.toString(Long.parseLong(t) - 600);
        assertThat(replay(example, real, old, WebhookSigner.signature(SECRET, Long.parseLong(old), real.body()), real.body()))
                .isEqualTo(401);
        assertThat(replay(example, real, t, sig.replace("sha256=", "sha256=0"), real.body())).isEqualTo(401);
        assertThat(printed).hasSize(1); // the replays of a handled event were not handled again
    }
}
