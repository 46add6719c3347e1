package io.onegrid.hub.it;

import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandReply;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A gateway's command side played by a real Paho MQTT 5 client: subscribes to its commands after each connect, as
 * the real gateway does, records what arrives with its MQTT 5 properties, and answers on the response topic with
 * the correlation data, when and how the test says ({@link #answer}; null keeps quiet).
 */
final class CommandGateway implements AutoCloseable {
    /** A command as it arrived. */
    record Received(String topic, Command command, MqttProperties properties) {
        String correlation() {
            byte[] c = properties.getCorrelationData();
            return c == null ? null : new String(c, StandardCharsets.UTF_8);
        }
    }

    private final HubFixture hub;
    private final String gatewayId;
    private final String secret;
    private final CommandCodec codec = new CommandCodec();
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Command, CommandReply> answer = c -> CommandReply.ok(c.id(), c.command(),
            java.util.Map.of("pong", true), new Timestamp(System.currentTimeMillis(), 1));
    private MqttAsyncClient client;

    CommandGateway(HubFixture hub, String gatewayId, String secret) {
        this.hub = hub;
        this.gatewayId = gatewayId;
        this.secret = secret;
    }

    /** Connects (a new session, clean start) and subscribes to og/v1/gw/{id}/cmd/+; returns after the SUBACK. */
    CommandGateway connect() throws MqttException {
        client = hub.client(gatewayId);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                Received r = new Received(topic, codec.decodeCommand(message.getPayload()), message.getProperties());
                received.add(r);
                CommandReply reply = answer.apply(r.command());
                if (reply != null) reply(r, reply);
            }

            @Override public void disconnected(MqttDisconnectResponse response) { }
            @Override public void mqttErrorOccurred(MqttException exception) { }
            @Override public void deliveryComplete(IMqttToken token) { }
            @Override public void connectComplete(boolean reconnect, String serverURI) { }
            @Override public void authPacketArrived(int reasonCode, MqttProperties properties) { }
        });
        client.connect(HubFixture.options(gatewayId, secret)).waitForCompletion(5000);
        IMqttToken sub = client.subscribe(new MqttSubscription(Topics.commandFilter(gatewayId), 1));
        sub.waitForCompletion(5000);
        if (sub.getReasonCodes()[0] >= 0x80) throw new AssertionError("SUBACK " + sub.getReasonCodes()[0]);
        return this;
    }

    /** Answers {@code r} now (not waiting for the PUBACK: this may run on Paho's callback thread). */
    void reply(Received r, CommandReply reply) throws MqttException {
        MqttProperties p = new MqttProperties();
        p.setCorrelationData(r.properties().getCorrelationData());
        client.publish(r.properties().getResponseTopic(), new MqttMessage(codec.encode(reply), 1, false, p));
    }

    /** Publishes a raw payload QoS 1 and returns the hub's PUBACK reason code. */
    int publish(String topic, byte[] payload) throws MqttException {
        return HubFixture.publish(client, topic, payload);
    }

    void disconnect() throws MqttException {
        if (client != null && client.isConnected()) client.disconnect().waitForCompletion(5000);
        if (client != null) client.close(true);
        client = null;
    }

    @Override
    public void close() throws MqttException {
        disconnect();
    }
}
