package io.onegrid.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.onegrid.hub.commands.CommandService;
import io.onegrid.hub.ingest.RateLimitedLog;
import io.onegrid.hub.store.CommandRecord;
import io.onegrid.hub.store.CommandState;
import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandError;
import io.onegrid.protocol.CommandReply;
import io.onegrid.protocol.ProtocolError;
import io.onegrid.protocol.ProtocolException;
import io.onegrid.protocol.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPubAckMessage;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The command side of one gateway session: publishes commands (QoS 1, MQTT 5 response topic, correlation data =
 * the command id, Message Expiry Interval = what is left of its ttl) once the gateway has subscribed, turns the
 * gateway's PUBACK into "delivered", and takes its replies on {@code og/v1/gw/{id}/reply/{command}}. Everything but
 * {@link #accepts} and {@link #send} runs on the connection's event loop.
 */
final class CommandLink implements CommandService.Sink {
    /** What a reply PUBLISH is answered with. */
    record ReplyAck(ReasonCodes.Answer answer, String reason) { }

    private final Context context;
    private final MqttEndpoint endpoint;
    private final String gatewayId;
    private final CommandService service;
    private final Clock clock;
    private final RateLimitedLog warnings;
    private final CommandCodec codec = new CommandCodec();
    private final Set<String> filters = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> sent = new HashSet<>();
    private final Map<Integer, String> inFlight = new HashMap<>();
    private int lastMessageId;

    CommandLink(Context context, MqttEndpoint endpoint, String gatewayId, CommandService service, Clock clock,
                RateLimitedLog warnings) {
        this.context = context;
        this.endpoint = endpoint;
        this.gatewayId = gatewayId;
        this.service = service;
        this.clock = clock;
        this.warnings = warnings;
    }

    @Override
    public String gatewayId() {
        return gatewayId;
    }

    @Override
    public boolean accepts(String command) {
        return filters.contains(Topics.commandFilter(gatewayId)) || filters.contains(Topics.command(gatewayId, command));
    }

    /** A SUBACK granted {@code filter} (one the session may have): pending commands follow. */
    void subscribed(String filter) {
        filters.add(filter);
        service.subscribed(this);
    }

    void unsubscribed(String filter) {
        filters.remove(filter);
        if (filters.isEmpty()) service.gone(this);
    }

    void closed() {
        service.gone(this);
    }

    @Override
    public void send(CommandRecord c) {
        context.runOnContext(v -> sendNow(c));
    }

    private void sendNow(CommandRecord c) {
        long leftMs = c.expiresAt().toEpochMilli() - clock.millis();
        if (!endpoint.isConnected() || leftMs <= 0 || !sent.add(c.id())) return;
        Command wire = CommandService.wire(c);
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(),
                Topics.reply(gatewayId, c.command())));
        props.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(),
                c.id().getBytes(StandardCharsets.UTF_8)));
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
                (int) Math.min(Integer.MAX_VALUE, (leftMs + 999) / 1000)));
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
        props.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), "application/json"));
        int messageId = nextMessageId();
        inFlight.put(messageId, c.id());
        endpoint.publish(Topics.command(gatewayId, c.command()), Buffer.buffer(codec.encode(wire)), MqttQoS.AT_LEAST_ONCE,
                false, false, messageId, props).onFailure(e -> context.runOnContext(v -> {
                    // not written (connection closing): still PENDING, sent again on the next subscription
                    inFlight.remove(messageId);
                    sent.remove(c.id());
                }));
    }

    /** The next packet id not in flight (our only PUBLISHes to the gateway are commands). */
    private int nextMessageId() {
        do {
            lastMessageId = lastMessageId % 65_535 + 1;
        } while (inFlight.containsKey(lastMessageId));
        return lastMessageId;
    }

    void onPubAck(MqttPubAckMessage ack) {
        String id = inFlight.remove(ack.messageId());
        if (id == null) return;
        // `sent` only guards against sending twice while in flight; after the PUBACK the store no longer has it
        // pending (a subscription racing that write may send it once more, which the gateway answers as before)
        sent.remove(id);
        int code = ack.code().value() & 0xff;
        if (code < 0x80) {
            service.delivered(id);
            return;
        }
        String why = String.format("the gateway refused the command's PUBLISH with reason code 0x%02X", code);
        warnings.warn(gatewayId + "/cmd-refused", "gateway {}: {}", gatewayId, why);
        service.replied(gatewayId, id, CommandState.FAILED, "refused", new JsonObject().put("ok", false)
                .put("error", new JsonObject().put("code", "refused").put("message", why)).encode());
    }

    /** A reply PUBLISH on the gateway's own reply topics: recorded before it is acknowledged. */
    Future<ReplyAck> onReply(MqttPublishMessage msg) {
        CommandReply reply;
        try {
            String command = Topics.parseReply(msg.topicName()).command();
            if (msg.payload().length() > CommandCodec.MAX_PAYLOAD_BYTES) {
                throw new ProtocolException(ProtocolError.TOO_LARGE, "reply is " + msg.payload().length()
                        + " bytes, limit " + CommandCodec.MAX_PAYLOAD_BYTES);
            }
            reply = codec.decodeReply(msg.payload().getBytes());
            if (!reply.command().equals(command)) {
                throw new ProtocolException(ProtocolError.INVALID_FIELD, "reply 'command' " + reply.command()
                        + " is not the topic's " + command);
            }
        } catch (ProtocolException e) {
            warnings.warn(gatewayId + "/reply-" + e.error(), "reply from gateway {} refused: {}", gatewayId, e.getMessage());
            return Future.succeededFuture(new ReplyAck(ReasonCodes.of(e.error()), e.getMessage()));
        }
        String id = correlation(msg);
        if (id == null) id = reply.id();
        if (id == null) {
            return Future.succeededFuture(new ReplyAck(ReasonCodes.Answer.PAYLOAD_INVALID,
                    "the reply names no command (neither correlation data nor 'id')"));
        }
        String commandId = id;
        CommandState state = reply.ok() ? CommandState.REPLIED
                : CommandError.EXPIRED.wireName().equals(reply.failure().code()) ? CommandState.EXPIRED
                : CommandState.FAILED;
        return service.replied(gatewayId, commandId, state, reply.ok() ? null : reply.failure().code(),
                msg.payload().toString(StandardCharsets.UTF_8)).map(r -> {
                    if (r.isEmpty()) {
                        warnings.warn(gatewayId + "/reply-unknown", "gateway {} answered command {}, which it has no open"
                                + " command of (unknown, or answered already): ignored", gatewayId, commandId);
                    }
                    return new ReplyAck(ReasonCodes.Answer.STORED, null);
                }).recover(e -> Future.succeededFuture(new ReplyAck(ReasonCodes.Answer.CANNOT_STORE_NOW,
                        "the hub cannot record the reply now")));
    }

    private static String correlation(MqttPublishMessage msg) {
        MqttProperties.MqttProperty<?> p = msg.properties() == null ? null
                : msg.properties().getProperty(MqttPropertyType.CORRELATION_DATA.value());
        if (p == null || !(p.value() instanceof byte[] bytes)) return null;
        String id = new String(bytes, StandardCharsets.UTF_8);
        return Command.isValidId(id) ? id : null;
    }
}
