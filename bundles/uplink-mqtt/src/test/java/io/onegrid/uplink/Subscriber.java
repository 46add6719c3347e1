package io.onegrid.uplink;

import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Topics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Stands in for the hub's side in broker tests: a persistent-session subscriber to og/v1/gw/#, so messages
 * published while it reconnects after a broker restart are still delivered to it.
 */
final class Subscriber implements AutoCloseable {
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final MqttClient client;
    final String clientId;
    final List<Envelope> received = new CopyOnWriteArrayList<>();

    Subscriber(String brokerUri) throws MqttException {
        this(brokerUri, "test-hub-" + System.nanoTime(), List.of());
    }

    /** Resumes the persistent session of {@code clientId}, keeping what an earlier subscriber received. */
    Subscriber(String brokerUri, String clientId, List<Envelope> earlier) throws MqttException {
        this.clientId = clientId;
        received.addAll(earlier);
        client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) { }

            @Override
            public void mqttErrorOccurred(MqttException e) { }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Topics.Uplink t = Topics.parseUplink(topic);
                received.add(codec.decode(message.getPayload(), t.kind()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) { }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) { }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) { }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        if (!client.connectWithResult(o).getSessionPresent()) client.subscribe(Topics.PREFIX + "#", 1);
    }

    List<Envelope> ofKind(io.onegrid.protocol.MessageKind kind) {
        return received.stream().filter(e -> e.kind() == kind).toList();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) client.disconnect();
        } finally {
            client.close(true);
        }
    }
}
