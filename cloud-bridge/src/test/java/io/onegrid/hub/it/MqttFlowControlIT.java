package io.onegrid.hub.it;

import static io.onegrid.hub.it.HubFixture.GW;
import static io.onegrid.hub.it.HubFixture.GW2;
import static io.onegrid.hub.it.HubFixture.GW2_SECRET;
import static io.onegrid.hub.it.HubFixture.GW_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.HubConfigParser;
import io.onegrid.hub.ingest.IngestBatcher;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one gateway may take of the ingest queue all gateways share, with two real Paho MQTT 5 clients. */
class MqttFlowControlIT {
    private static final int RECEIVE_MAXIMUM = 8;
    private static final int MAX_BATCH = 1;

    @TempDir
    Path dir;
    HubFixture hub;
    ControllableStore store;
    MqttAsyncClient flooder;
    MqttAsyncClient neighbour;

    @AfterEach
    void stop() throws Exception {
        if (store != null) store.release();
        for (MqttAsyncClient c : new MqttAsyncClient[] {flooder, neighbour}) {
            if (c == null) continue;
            if (c.isConnected()) c.disconnect().waitForCompletion(2000);
            c.close(true);
        }
        if (hub != null) hub.close();
    }

    /**
     * Verifies that a QoS 0 flood from one gateway cannot starve another gateway's QoS 1 alarm.
     * GIVEN a hub whose writer is held (nothing commits) and a gateway that has sent more QoS 0 messages than the
     * whole ingest queue holds WHEN a second gateway publishes a QoS 1 alarm and the writer resumes THEN the alarm
     * is stored and acknowledged with 0x00, the flood beyond Receive Maximum was dropped and counted, and the
     * flooding gateway is still connected.
     */
    @Test
    void qos0FloodDoesNotStarveAnotherGatewaysQos1() throws Exception {
        HubConfig config = HubConfigParser.parse(new String[] {"--ingest-max-batch", String.valueOf(MAX_BATCH),
                        "--mqtt-receive-maximum", String.valueOf(RECEIVE_MAXIMUM)}, Map.of())
                .forTests(dir)
                .withGateways(List.of(new GatewayCredential(GW, GW_SECRET), new GatewayCredential(GW2, GW2_SECRET)))
                .withAdminPassword(HubFixture.ADMIN_PASSWORD);
        hub = HubFixture.start(config, s -> store = new ControllableStore(s));
        flooder = hub.connect(GW, GW_SECRET);
        neighbour = hub.connect(GW2, GW2_SECRET);
        store.holdCommits();
        String telemetry = Topics.uplink(GW, MessageKind.TELEMETRY);
        flooder.publish(telemetry, qos0(hub.encode(Envelopes.telemetry(GW, 1))));
        store.entered.await();
        // the first message sits in the held batch; enough behind it to fill the shared queue and more
        int flood = IngestBatcher.queueCapacity(MAX_BATCH) + 100;
        for (int seq = 2; seq <= flood + 1; seq++) {
            flooder.publish(telemetry, qos0(hub.encode(Envelopes.telemetry(GW, seq))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.hub.counters().received.get() == flood + 1);

        // WHEN
        MqttMessage alarm = new MqttMessage(hub.encode(Envelopes.hydrantLow(GW2, 1, "alarm-1")));
        alarm.setQos(1);
        IMqttToken token = neighbour.publish(Topics.uplink(GW2, MessageKind.ALARM), alarm);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.counters().received.get() == flood + 2);
        store.release();
        token.waitForCompletion(10_000);

        // THEN
        assertThat(token.getReasonCodes()).containsExactly(0x00);
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(1);
        long dropped = flood + 1 - RECEIVE_MAXIMUM;
        assertThat(hub.hub.counters().qos0Dropped.get()).isEqualTo(dropped);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.counters().stored.get() == RECEIVE_MAXIMUM + 1);
        assertThat(flooder.isConnected()).isTrue();
        JsonObject details = new JsonObject(hub.get("/api/health/details", hub.adminToken()).body());
        assertThat(details.getJsonObject("ingest").getLong("qos0Dropped")).isEqualTo(dropped);
    }

    /**
     * Verifies that the QoS 0 bound counts only messages still waiting, so a gateway that publishes no faster than
     * the hub commits loses nothing. GIVEN more QoS 0 messages than Receive Maximum sent one after another, each
     * once the previous is stored WHEN counted THEN every one was stored and none dropped.
     */
    @Test
    void qos0WithinTheBoundIsStored() throws Exception {
        hub = HubFixture.start(HubFixture.config(dir).withMqttReceiveMaximum(2), s -> s);
        flooder = hub.connect(GW, GW_SECRET);
        for (int seq = 1; seq <= 5; seq++) {
            flooder.publish(Topics.uplink(GW, MessageKind.TELEMETRY), qos0(hub.encode(Envelopes.telemetry(GW, seq))));
            long expected = seq;
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.counters().stored.get() == expected);
        }
        assertThat(hub.hub.counters().qos0Dropped.get()).isZero();
    }

    private static MqttMessage qos0(byte[] payload) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(0);
        return m;
    }
}
