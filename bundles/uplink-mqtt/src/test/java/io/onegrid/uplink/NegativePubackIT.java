package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.EnvelopeCodec;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Negative PUBACKs from a tiny Vert.x MQTT 5 server: 0x99 quarantines, 0x97 retries. */
class NegativePubackIT {
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(100, 400, 100, 400, 7);

    @TempDir
    Path dir;
    private Vertx vertx;
    private SqliteOutbox outbox;
    private WireEncoder encoder;
    private MqttUplink uplink;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(2), GatewayClock.SYSTEM);
        encoder = new WireEncoder("gw-neg-01", "boot-neg", GatewayClock.SYSTEM, new EnvelopeCodec());
    }

    @AfterEach
    void close() throws Exception {
        if (uplink != null) uplink.stop();
        outbox.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts a server that answers each PUBLISH with the code chosen for its event type (from the payload). */
    private int server(Function<String, MqttPubAckReasonCode> answer) throws Exception {
        MqttServer server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0));
        server.endpointHandler(ep -> {
            ep.publishAutoAck(false);
            ep.publishHandler(msg -> {
                String payload = msg.payload().toString();
                received.computeIfAbsent(payload.replaceAll(".*\"type\":\"([^\"]*)\".*", "$1"), k -> new AtomicInteger())
                        .incrementAndGet();
                ep.publishAcknowledge(msg.messageId(), answer.apply(payload), MqttProperties.NO_PROPERTIES);
            });
            ep.accept(false);
        });
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private void start(int port) throws Exception {
        UplinkSettings s = new UplinkSettings("gw-neg-01", "tcp://127.0.0.1:" + port, null, null, 30, 3600, null, 4, 0, 50);
        uplink = new MqttUplink(s, encoder, outbox, List::of, id -> DeviceHealth.UNKNOWN, "test", FAST);
        uplink.start();
    }

    private long append(String type) throws Exception {
        return outbox.append(encoder.event(new GatewayEvent(type, null, Map.of(), 1L, 1L)));
    }

    private int count(String type) {
        AtomicInteger n = received.get(type);
        return n == null ? 0 : n.get();
    }

    /** 0x99 (payload format invalid) moves the message to quarantine; it is sent once and never again. */
    @Test
    void payloadFormatInvalidIsQuarantinedNotRetried() throws Exception {
        int port = server(p -> p.contains("\"poison\"") ? MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID
                : MqttPubAckReasonCode.SUCCESS);
        append("poison");
        append("fine");

        start(port);

        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.stats().pending() == 0);
        assertThat(outbox.stats().quarantined()).isEqualTo(1);
        assertThat(count("fine")).isEqualTo(1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> count("poison") == 1);
    }

    /** 0x97 (quota exceeded) keeps the message and retries it after a backoff until the hub takes it. */
    @Test
    void quotaExceededIsRetriedUntilAccepted() throws Exception {
        AtomicInteger refusals = new AtomicInteger(2);
        int port = server(p -> p.contains("\"busy\"") && refusals.getAndDecrement() > 0
                ? MqttPubAckReasonCode.QUOTA_EXCEEDED : MqttPubAckReasonCode.SUCCESS);
        append("busy");

        start(port);

        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.stats().pending() == 0);
        assertThat(count("busy")).isEqualTo(3);
        assertThat(outbox.stats().quarantined()).isZero();
    }
}
