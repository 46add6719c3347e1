package io.onegrid.uplink;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A small MQTT 5 hub (Vert.x) whose outage runs on its own clock, not the wall clock: while {@link #clockMs} is
 * before {@code outageEndMs} it answers each outbox message (alarm, event, telemetry) with the next step of a
 * script, or 0x97 when the script is used up, and each answer moves its clock on by {@code stepMs}. So "the
 * hub is down for a minute" takes as long as the gateway's (short) backoff makes it, on a loaded machine too.
 * Birth and health are always accepted. After the outage it answers with {@link #verdict}.
 */
final class ScriptedHub implements AutoCloseable {
    /** A transient answer: a retryable PUBACK code, or the connection closed without a PUBACK. */
    enum Step { QUOTA_EXCEEDED, UNSPECIFIED_ERROR, DROP_CONNECTION }

    final AtomicLong clockMs = new AtomicLong();
    final AtomicInteger refused = new AtomicInteger();
    /** Outbox messages the hub stored, in the order they arrived. */
    final List<Envelope> accepted = new CopyOnWriteArrayList<>();
    final List<Envelope> health = new CopyOnWriteArrayList<>();
    volatile Function<Envelope, MqttPubAckReasonCode> verdict = e -> MqttPubAckReasonCode.SUCCESS;

    private final Vertx vertx = Vertx.vertx();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Deque<Step> script;
    private final long outageEndMs;
    private final long stepMs;
    private final int port;

    ScriptedHub(long outageEndMs, long stepMs, List<Step> script) throws Exception {
        this.outageEndMs = outageEndMs;
        this.stepMs = stepMs;
        this.script = new ArrayDeque<>(script);
        MqttServer server = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0));
        server.endpointHandler(ep -> {
            ep.publishAutoAck(false);
            ep.publishHandler(msg -> {
                MessageKind kind = MessageKind.valueOf(msg.topicName().substring(msg.topicName().lastIndexOf('/') + 1)
                        .toUpperCase(java.util.Locale.ROOT));
                Envelope e = codec.decode(msg.payload().getBytes(), kind);
                MqttPubAckReasonCode code = MqttPubAckReasonCode.SUCCESS;
                if (kind == MessageKind.HEALTH) {
                    health.add(e);
                } else if (kind != MessageKind.BIRTH && kind != MessageKind.DEATH) {
                    Step step = nextStep();
                    if (step == Step.DROP_CONNECTION) {
                        refused.incrementAndGet();
                        ep.close();
                        return;
                    }
                    if (step != null) {
                        refused.incrementAndGet();
                        code = step == Step.QUOTA_EXCEEDED ? MqttPubAckReasonCode.QUOTA_EXCEEDED
                                : MqttPubAckReasonCode.UNSPECIFIED_ERROR;
                    } else {
                        code = verdict.apply(e);
                        if (code == MqttPubAckReasonCode.SUCCESS) accepted.add(e);
                    }
                }
                ep.publishAcknowledge(msg.messageId(), code, MqttProperties.NO_PROPERTIES);
            });
            ep.accept(false);
        });
        port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    /** The transient answer for this message, or null once the outage is over. */
    private synchronized Step nextStep() {
        if (clockMs.get() >= outageEndMs) return null;
        clockMs.addAndGet(stepMs);
        Step s = script.poll();
        return s == null ? Step.QUOTA_EXCEEDED : s;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    List<String> acceptedKinds() {
        return accepted.stream().map(e -> e.kind().wireName()).toList();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
