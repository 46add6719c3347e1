package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.GatewayClock;
import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandReply;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT 5 request/response through a broker we did not write (mosquitto): the uplink subscribes to its commands on
 * connect and answers on the response topic with the correlation data, which the broker must pass through.
 */
class CommandsBrokerIT {
    private static final String GW = "gw-it-cmd";
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(100, 400, 100, 400, 7);

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private MqttUplink uplink;
    private MqttClient hub;
    private final List<MqttMessage> replies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path mosquitto = MosquittoBroker.required();
        broker = MosquittoBroker.start(mosquitto, Files.createDirectories(dir.resolve("broker")));
        hub = new MqttClient(broker.uri(), "test-hub-cmd", new MemoryPersistence());
        hub.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) { }

            @Override
            public void mqttErrorOccurred(MqttException e) { }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                replies.add(message);
            }

            @Override
            public void deliveryComplete(IMqttToken token) { }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) { }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) { }
        });
        hub.connect(new MqttConnectionOptions());
        // (Paho 1.2.5's MqttClient.subscribe(topic, qos, listener) recurses without end: use the callback)
        hub.subscribe(Topics.PREFIX + GW + "/reply/+", 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) uplink.stop();
        if (hub != null) {
            if (hub.isConnected()) hub.disconnect();
            hub.close(true);
        }
        if (broker != null) broker.close();
    }

    /**
     * GIVEN an uplink connected through mosquitto WHEN a hub-side client publishes a ping with a response topic,
     * correlation data and a message expiry interval THEN the pong arrives on that topic with the correlation data.
     */
    @Test
    void pingAnsweredOnTheResponseTopic() throws Exception {
        CommandDispatcher dispatcher = new CommandDispatcher(GatewayClock.SYSTEM);
        dispatcher.add(new PingCommand());
        WireEncoder encoder = new WireEncoder(GW, UUID.randomUUID().toString(), GatewayClock.SYSTEM, new EnvelopeCodec());
        uplink = new MqttUplink(new UplinkSettings(GW, broker.uri(), null, "unused", 5, 3600, null, 16, 0, 50), encoder,
                new MemoryOutbox(), List::of, id -> DeviceHealth.UNKNOWN, "0.1.0-test", FAST, dispatcher);
        uplink.start();
        CommandCodec codec = new CommandCodec();
        long now = System.currentTimeMillis();
        byte[] ping = codec.encode(new Command("c-42", "ping", Map.of(), now, now + 60_000));

        // the uplink subscribes after it connects: send until the first answer, as a hub would re-deliver
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(Topics.reply(GW, "ping"));
            p.setCorrelationData("c-42".getBytes(StandardCharsets.UTF_8));
            p.setMessageExpiryInterval(60L);
            hub.publish(Topics.command(GW, "ping"), new MqttMessage(ping, 1, false, p));
            return !replies.isEmpty();
        });

        MqttMessage reply = replies.get(0);
        assertThat(new String(reply.getProperties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("c-42");
        CommandReply decoded = codec.decodeReply(reply.getPayload());
        assertThat(decoded.ok()).isTrue();
        assertThat(decoded.result()).isEqualTo(Map.of("pong", true));
        // a command re-sent under the same id is answered the same, not run again (the dispatcher remembers it)
        assertThat(replies.stream().map(m -> codec.decodeReply(m.getPayload()).id()).distinct()).containsExactly("c-42");
    }
}
