package io.onegrid.hub.mqtt;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.onegrid.hub.commands.CommandService;
import io.onegrid.hub.ingest.IngestBatcher;
import io.onegrid.hub.ingest.IngestCounters;
import io.onegrid.hub.ingest.RateLimitedLog;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.StoreOp;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.ProtocolError;
import io.onegrid.protocol.ProtocolException;
import io.onegrid.protocol.Topics;
import io.vertx.core.Context;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated gateway connection. Access rules: the gateway publishes only under
 * {@code og/v1/gw/{itsId}/} (else PUBACK 0x87 Not authorized, or a disconnect for QoS 0) and subscribes
 * only to {@code og/v1/gw/{itsId}/cmd/+} or one command topic in it (else SUBACK 0x87). A QoS 1 PUBLISH is
 * acknowledged only after what it carries is committed; a bad one gets the negative reason code of its
 * {@link ProtocolError} and is not stored. When the connection ends without a clean DISCONNECT, the will
 * message (a death envelope) takes the gateway offline; otherwise the disconnect itself does
 * ({@link OfflineRecorder}, which retries while the store cannot take it).
 *
 * <p>What one gateway may hold of the ingest queue all gateways share is bounded: a gateway with more
 * unacknowledged QoS 1 PUBLISHes than the advertised Receive Maximum breaks the protocol and is disconnected
 * with 0x93; QoS 0, which Receive Maximum does not cover, is dropped (counted, WARN) while that many of the
 * gateway's QoS 0 messages already wait for the commit. Dropping is what QoS 0 allows (at most once), and it
 * keeps the connection, so the gateway's QoS 1 alarms go on. All methods run on the connection's event loop.
 *
 * <p>Commands travel the other way: once the gateway subscribes to them, {@link CommandLink} sends what waits for it
 * and takes its replies on {@code og/v1/gw/{itsId}/reply/{command}} (acknowledged, in order, after they are stored).
 */
final class GatewaySession {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySession.class);
    private static final int MAX_REASON_LENGTH = 200;

    private record Ack(int messageId, MqttPubAckReasonCode code, String reason) { }

    private final Context context;
    private final MqttEndpoint endpoint;
    private final String gatewayId;
    private final EnvelopeCodec codec;
    private final IngestBatcher batcher;
    private final IngestCounters counters;
    private final RateLimitedLog warnings;
    private final int maxPayload;
    private final int receiveMaximum;
    private final Predicate<GatewaySession> ended;
    private final OfflineRecorder offline;
    private final AckSequencer<Ack> acks = new AckSequencer<>(this::sendAck);
    private final boolean v5;
    private final CommandLink commands;
    private int qos0Waiting;
    private boolean cleanDisconnect;
    private boolean replaced;

    GatewaySession(Context context, MqttEndpoint endpoint, String gatewayId, EnvelopeCodec codec, IngestBatcher batcher,
                   IngestCounters counters, RateLimitedLog warnings, int maxPayload, int receiveMaximum,
                   Predicate<GatewaySession> ended, OfflineRecorder offline, CommandService commandService, Clock clock) {
        this.context = context;
        this.endpoint = endpoint;
        this.gatewayId = gatewayId;
        this.codec = codec;
        this.batcher = batcher;
        this.counters = counters;
        this.warnings = warnings;
        this.maxPayload = maxPayload;
        this.receiveMaximum = receiveMaximum;
        this.ended = ended;
        this.offline = offline;
        this.v5 = endpoint.protocolVersion() >= MqttVersion.MQTT_5.protocolLevel();
        this.commands = new CommandLink(context, endpoint, gatewayId, commandService, clock, warnings);
    }

    String gatewayId() {
        return gatewayId;
    }

    /** Sets the handlers; call before accepting the connection. */
    void install() {
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.unsubscribeHandler(m -> {
            endpoint.unsubscribeAcknowledge(m.messageId(), m.topics().stream().map(t -> MqttUnsubAckReasonCode.SUCCESS)
                    .toList(), MqttProperties.NO_PROPERTIES);
            m.topics().forEach(commands::unsubscribed);
        });
        endpoint.publishAcknowledgeMessageHandler(commands::onPubAck);
        // MQTT 3.1.1 DISCONNECT has no reason code; 5.0's 0x04 asks for the will to be published anyway
        endpoint.disconnectHandler(v -> cleanDisconnect = true);
        endpoint.disconnectMessageHandler(m -> cleanDisconnect = m.code() != MqttDisconnectReasonCode.WITH_WILL_MESSAGE);
        endpoint.exceptionHandler(this::onException);
        endpoint.closeHandler(v -> onClose());
    }

    private void onPublish(MqttPublishMessage msg) {
        counters.received.incrementAndGet();
        if (msg.qosLevel() == MqttQoS.EXACTLY_ONCE) {
            disconnect(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED, "QoS 2 is not supported (maximum QoS is 1)");
            return;
        }
        boolean qos1 = msg.qosLevel() == MqttQoS.AT_LEAST_ONCE;
        if (qos1 && acks.waiting() >= receiveMaximum) {
            // MQTT 5.0 section 3.3.4: the client broke the Receive Maximum it was given in CONNACK
            counters.rejected.incrementAndGet();
            warnings.warn(gatewayId + "/receive-maximum", "gateway {} exceeded Receive Maximum {}", gatewayId, receiveMaximum);
            disconnect(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                    "more than " + receiveMaximum + " unacknowledged QoS 1 messages");
            return;
        }
        if (!qos1 && qos0Waiting >= receiveMaximum) {
            counters.qos0Dropped.incrementAndGet();
            warnings.warn(gatewayId + "/qos0-dropped", "gateway {} publishes QoS 0 faster than the hub stores it: dropped"
                    + " QoS 0 messages while {} wait for the commit (publish with QoS 1 to get flow control instead)", gatewayId,
                    receiveMaximum);
            return;
        }
        Object slot = qos1 ? acks.reserve() : null;
        if (Topics.isReplyOf(gatewayId, msg.topicName())) {
            commands.onReply(msg).onComplete(ar -> context.runOnContext(v -> {
                CommandLink.ReplyAck a = ar.succeeded() ? ar.result()
                        : new CommandLink.ReplyAck(ReasonCodes.Answer.CANNOT_STORE_NOW, "the hub cannot record the reply now");
                if (slot != null) acks.complete(slot, new Ack(msg.messageId(), a.answer().code, a.reason()));
            }));
            return;
        }
        try {
            Envelope envelope = decode(msg);
            if (!qos1) qos0Waiting++;
            batcher.submit(new StoreOp.Ingest(envelope), result -> context.runOnContext(v -> stored(msg, slot, result)));
        } catch (ProtocolException e) {
            reject(msg, slot, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug here must not leave the slot open: every later PUBACK of this connection would wait for it.
            // It would hit the same message again on every retry, so the answer is final (0x83).
            LOG.error("cannot handle a message from gateway {} on {}", gatewayId, msg.topicName(), e);
            counters.unprocessable.incrementAndGet();
            if (slot != null) {
                acks.complete(slot, new Ack(msg.messageId(), ReasonCodes.Answer.CANNOT_APPLY.code,
                        "the hub cannot handle this message"));
            }
        }
    }

    private Envelope decode(MqttPublishMessage msg) {
        String topic = msg.topicName();
        if (topic == null || !topic.startsWith(Topics.PREFIX + gatewayId + "/")) {
            throw new ProtocolException(ProtocolError.NOT_AUTHORIZED, "gateway " + gatewayId + " may publish only under "
                    + Topics.PREFIX + gatewayId + "/");
        }
        MessageKind kind = Topics.parseUplink(topic).kind();
        if (msg.payload().length() > maxPayload) {
            throw new ProtocolException(ProtocolError.TOO_LARGE, "payload is " + msg.payload().length()
                    + " bytes, limit " + maxPayload);
        }
        Envelope e = codec.decode(msg.payload().getBytes(), kind);
        if (!e.gatewayId().equals(gatewayId)) {
            throw new ProtocolException(ProtocolError.NOT_AUTHORIZED, "envelope gw '" + e.gatewayId()
                    + "' is not the connected gateway");
        }
        return e;
    }

    private void reject(MqttPublishMessage msg, Object slot, ProtocolError error, String why) {
        ReasonCodes.Answer answer = ReasonCodes.of(error);
        boolean retried = answer.action == ReasonCodes.GatewayAction.RETRY;
        (retried ? counters.failed : counters.rejected).incrementAndGet();
        warnings.warn(gatewayId + "/" + error, "message from gateway {} refused ({}, reason {}, {}): {}", gatewayId, error,
                answer.hex(), retried ? "the gateway retries it later" : "the gateway sets it aside", why);
        if (slot != null) {
            acks.complete(slot, new Ack(msg.messageId(), answer.code, why));
        } else if (error == ProtocolError.NOT_AUTHORIZED) {
            disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED, why); // QoS 0 has no PUBACK to refuse with
        }
    }

    private void stored(MqttPublishMessage msg, Object slot, IngestResult result) {
        switch (result.status()) {
            case STORED -> counters.stored.incrementAndGet();
            case DUPLICATE -> counters.duplicates.incrementAndGet();
            case FAILED -> counters.failed.incrementAndGet();
            case UNPROCESSABLE -> counters.unprocessable.incrementAndGet();
        }
        if (slot == null) {
            qos0Waiting--;
        } else {
            acks.complete(slot, new Ack(msg.messageId(), ReasonCodes.of(result).code,
                    result.acknowledged() ? null : result.detail()));
        }
    }

    private void sendAck(Ack ack) {
        if (!endpoint.isConnected()) return; // the gateway will send it again on its next connection
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (ack.reason() != null && v5) {
            props = new MqttProperties();
            String r = ack.reason().length() > MAX_REASON_LENGTH ? ack.reason().substring(0, MAX_REASON_LENGTH) : ack.reason();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), r));
        }
        try {
            endpoint.publishAcknowledge(ack.messageId(), ack.code(), props);
        } catch (RuntimeException e) {
            LOG.debug("PUBACK to {} not sent: {}", gatewayId, e.toString());
        }
    }

    private void onSubscribe(MqttSubscribeMessage msg) {
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        MqttVersion version = v5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1;
        for (MqttTopicSubscription s : msg.topicSubscriptions()) {
            if (mayReceive(s.topicName())) {
                MqttQoS granted = s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                codes.add(MqttSubAckReasonCode.qosGranted(granted));
            } else {
                warnings.warn("sub-" + gatewayId, "gateway {} may not subscribe to {}", gatewayId, s.topicName());
                codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED.limitForMqttVersion(version));
            }
        }
        endpoint.subscribeAcknowledge(msg.messageId(), codes, MqttProperties.NO_PROPERTIES);
        for (MqttTopicSubscription s : msg.topicSubscriptions()) {
            if (mayReceive(s.topicName())) commands.subscribed(s.topicName()); // after the SUBACK: then what waits
        }
    }

    /** Its command filter, or one concrete command topic of its own. */
    private boolean mayReceive(String filter) {
        if (filter.equals(Topics.commandFilter(gatewayId))) return true;
        String prefix = Topics.PREFIX + gatewayId + "/cmd/";
        if (!filter.startsWith(prefix)) return false;
        String command = filter.substring(prefix.length());
        return !command.isEmpty() && !command.contains("/") && !command.contains("+") && !command.contains("#");
    }

    private void onException(Throwable t) {
        if (t instanceof TooLongFrameException || t.getCause() instanceof TooLongFrameException) {
            counters.rejected.incrementAndGet();
            warnings.warn(gatewayId + "/too-large", "gateway {} sent a packet over the size limit", gatewayId);
            disconnect(MqttDisconnectReasonCode.PACKET_TOO_LARGE, "packet too large");
        } else {
            LOG.debug("MQTT error on {}: {}", gatewayId, t.toString());
        }
    }

    private void disconnect(MqttDisconnectReasonCode code, String reason) {
        if (!endpoint.isConnected()) return;
        try {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
            endpoint.disconnect(code, props);
        } catch (RuntimeException e) {
            LOG.debug("disconnect of {} failed: {}", gatewayId, e.toString());
        }
    }

    /** A newer connection of the same gateway replaced this one. */
    void takenOver() {
        context.runOnContext(v -> {
            replaced = true;
            disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, "another connection with this client id");
        });
    }

    /** The gateway's credential stopped being in force (CredentialWatch): cut it now, not at its next connect. */
    void revoked() {
        context.runOnContext(v -> disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED, "credential revoked or replaced"));
    }

    void serverShutdown() {
        context.runOnContext(v -> disconnect(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN, "hub stopping"));
    }

    private void onClose() {
        commands.closed();
        if (!ended.test(this) || replaced) {
            return; // a newer session owns the gateway's state now
        }
        StoreOp op = cleanDisconnect ? null : willAsDeath();
        if (op == null) {
            op = new StoreOp.Disconnected(gatewayId, cleanDisconnect ? "disconnected" : "connection lost");
        }
        offline.record(op);
    }

    /** The will message, if it is a valid death envelope of this gateway on its death topic. */
    private StoreOp willAsDeath() {
        if (endpoint.will() == null || !endpoint.will().isWillFlag()
                || !Topics.uplink(gatewayId, MessageKind.DEATH).equals(endpoint.will().getWillTopic())) {
            return null;
        }
        try {
            Envelope e = codec.decode(endpoint.will().getWillMessageBytes(), MessageKind.DEATH);
            return e.gatewayId().equals(gatewayId) ? new StoreOp.Ingest(e) : null;
        } catch (ProtocolException e) {
            warnings.warn(gatewayId + "/will", "will message of gateway {} is not a death envelope: {}", gatewayId, e.getMessage());
            return null;
        }
    }
}
