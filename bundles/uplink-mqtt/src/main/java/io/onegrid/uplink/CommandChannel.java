package io.onegrid.uplink;

import io.onegrid.api.GatewayClock;
import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandError;
import io.onegrid.protocol.CommandReply;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's command traffic: commands arrive on Paho's callback thread and run one at a time on a thread of
 * their own (a device write may wait for its bus, which must not hold up Paho's acknowledgements); each reply is
 * published QoS 1 to the command's MQTT 5 response topic with its correlation data. A reply that cannot be sent
 * (the connection dropped meanwhile) is held, bounded, and sent after the next connect, so the hub still records it.
 */
final class CommandChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);
    /** Commands waiting to run; more are answered "busy" at once. */
    static final int MAX_WAITING = 16;
    /** Replies kept while offline; the oldest goes first beyond it. */
    static final int MAX_HELD = 32;

    /** Publishes one reply QoS 1 (Paho's client); throws when it cannot be queued (not connected). */
    interface Publisher {
        void publish(String topic, MqttMessage message, MqttActionListener outcome) throws MqttException;
    }

    /** Subscribes to a filter at QoS 1 (Paho's client). */
    interface Subscriber {
        void subscribe(String filter, MqttActionListener outcome) throws MqttException;
    }

    private record Held(String topic, MqttMessage message) { }

    private final String gatewayId;
    private final String commandPrefix;
    private final CommandDispatcher dispatcher;
    private final Publisher publisher;
    private final Subscriber subscriber;
    private final GatewayClock clock;
    private final CommandCodec codec = new CommandCodec();
    private final ThreadPoolExecutor worker;
    private final Deque<Held> held = new ArrayDeque<>(); // guarded by itself
    private volatile boolean connected;

    CommandChannel(String gatewayId, CommandDispatcher dispatcher, Publisher publisher, Subscriber subscriber,
                   GatewayClock clock) {
        this.gatewayId = gatewayId;
        this.commandPrefix = Topics.PREFIX + gatewayId + "/cmd/";
        this.dispatcher = dispatcher;
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING), r -> {
            Thread t = new Thread(r, "onegrid-commands-" + gatewayId);
            t.setDaemon(true);
            return t;
        });
    }

    boolean isCommandTopic(String topic) {
        return topic != null && topic.startsWith(commandPrefix);
    }

    /** A command arrived (Paho's callback thread): queue it and return at once. */
    void arrived(String topic, MqttMessage message) {
        String command = topic.substring(commandPrefix.length());
        if (!Topics.isValidCommand(command)) {
            LOG.warn("ignoring a message on {}: not a command topic ({}), so no reply topic to answer on", topic,
                    Topics.COMMAND_PATTERN);
            return;
        }
        MqttProperties props = message.getProperties() == null ? new MqttProperties() : message.getProperties();
        String correlation = props.getCorrelationData() == null ? null
                : new String(props.getCorrelationData(), StandardCharsets.UTF_8);
        String replyTopic = Topics.isReplyOf(gatewayId, props.getResponseTopic()) ? props.getResponseTopic()
                : Topics.reply(gatewayId, command);
        CommandDispatcher.Incoming in = new CommandDispatcher.Incoming(command, message.getPayload(),
                Command.isValidId(correlation) ? correlation : null, props.getMessageExpiryInterval(), clock.monoMs());
        try {
            worker.execute(() -> send(replyTopic, props.getCorrelationData(), dispatcher.dispatch(in)));
        } catch (RejectedExecutionException e) {
            String id = in.correlationId() != null ? in.correlationId() : codec.peekId(in.payload());
            send(replyTopic, props.getCorrelationData(), CommandReply.failed(id, command, CommandError.BUSY,
                    MAX_WAITING + " commands are already waiting on the gateway; not executed",
                    new Timestamp(clock.wallMs(), Math.max(0, clock.monoMs()))));
        }
    }

    /**
     * The session is up: subscribe to the commands (every connect, as the session is new each time; the hub then
     * sends what waits for this gateway) and send the replies held while it was down, oldest first.
     */
    void connected() {
        subscribe();
        connected = true;
        while (connected) {
            Held h;
            synchronized (held) {
                h = held.peekFirst();
            }
            if (h == null || !tryPublish(h)) return;
            synchronized (held) {
                held.remove(h);
            }
        }
    }

    void disconnected() {
        connected = false;
    }

    private void subscribe() {
        String filter = Topics.commandFilter(gatewayId);
        try {
            subscriber.subscribe(filter, outcome("command subscription " + filter, "no commands will arrive"));
        } catch (MqttException e) {
            LOG.warn("command subscription {} not sent: {}", filter, e.toString());
        }
    }

    /** Logs a refusal (SUBACK/PUBACK at or above 0x80) or a failure; nothing else is to be done about either. */
    private static MqttActionListener outcome(String what, String consequence) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    LOG.warn("hub refused the {} (reason code {}): {}", what, OutboxDrainer.hex(codes[0]), consequence);
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                LOG.warn("{} failed: {}", what, error.toString());
            }
        };
    }

    private void send(String topic, byte[] correlation, CommandReply reply) {
        MqttProperties props = new MqttProperties();
        if (correlation != null) props.setCorrelationData(correlation);
        Held h = new Held(topic, new MqttMessage(codec.encode(reply), 1, false, props));
        if (connected && tryPublish(h)) return;
        synchronized (held) {
            if (held.size() >= MAX_HELD) {
                LOG.warn("{} command replies held while offline; dropping the oldest", MAX_HELD);
                held.pollFirst();
            }
            held.addLast(h);
        }
        LOG.info("reply to command {} ({}) held until the hub is reachable again", reply.id(), reply.command());
    }

    private boolean tryPublish(Held h) {
        try {
            publisher.publish(h.topic(), h.message(), outcome("reply on " + h.topic(), "the hub does not record it"));
            return true;
        } catch (MqttException | RuntimeException e) {
            LOG.debug("reply not sent now: {}", e.toString());
            return false;
        }
    }

    /** Replies waiting for a connection (for tests). */
    int held() {
        synchronized (held) {
            return held.size();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
