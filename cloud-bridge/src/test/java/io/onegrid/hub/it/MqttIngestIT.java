package io.onegrid.hub.it;

import static io.onegrid.hub.it.HubFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's MQTT 5 endpoint with a real third-party client (Eclipse Paho), on ephemeral ports. */
class MqttIngestIT {
    @TempDir
    Path dir;
    HubFixture hub;
    MqttAsyncClient client;

    @BeforeEach
    void start() {
        hub = HubFixture.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null && client.isConnected()) client.disconnect().waitForCompletion(2000);
        if (client != null) client.close(true);
        hub.close();
    }

    private JsonObject cases() throws Exception {
        return new JsonObject(hub.get("/api/cases", hub.adminToken()).body());
    }

    /** Verifies that a registered gateway with its secret connects. */
    @Test
    void goodCredentialsConnect() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        assertThat(client.isConnected()).isTrue();
    }

    /** Verifies that a wrong password and an unknown gateway both get CONNACK 0x86 Bad user name or password. */
    @Test
    void badCredentialsRefusedWith0x86() throws Exception {
        for (String[] cred : new String[][] {{GW, "wrong-secret"}, {"gw-unknown", GW_SECRET}, {GW, GW2_SECRET}}) {
            MqttAsyncClient c = hub.client(cred[0]);
            assertThatThrownBy(() -> c.connect(HubFixture.options(cred[0], cred[1])).waitForCompletion(5000))
                    .isInstanceOf(MqttException.class)
                    .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x86));
            c.close(true);
        }
    }

    /**
     * Verifies that failed CONNECTs are limited per gateway id and per remote address: over the limit even the
     * right password gets CONNACK 0x9F (Connection rate exceeded) without being checked.
     */
    @Test
    void connectFailuresRateLimitedWith0x9F() throws Exception {
        // GIVEN a hub allowing 2 failures per gateway id and 3 per address
        hub.close();
        hub = HubFixture.start(HubFixture.config(dir).withAuthLimits(new AuthLimits(2, 3, Duration.ofMinutes(1)),
                HubConfig.defaults().loginLimits()), s -> s);
        // WHEN two wrong passwords for GW
        assertThat(connectCode(GW, "wrong-1")).isEqualTo(0x86);
        assertThat(connectCode(GW, "wrong-2")).isEqualTo(0x86);
        // THEN GW is refused even with its right secret, while GW2 from the same address still connects
        assertThat(connectCode(GW, GW_SECRET)).isEqualTo(0x9F);
        assertThat(connectCode(GW2, GW2_SECRET)).isZero();
        // WHEN a third failure from this address (for another id)
        assertThat(connectCode(GW2, "wrong-3")).isEqualTo(0x86);
        // THEN the address is refused for every id
        assertThat(connectCode(GW2, GW2_SECRET)).isEqualTo(0x9F);
    }

    /** CONNACK reason code of one connect attempt (0 when accepted; the connection is closed again). */
    private int connectCode(String gw, String secret) throws Exception {
        MqttAsyncClient c = hub.client(gw);
        try {
            c.connect(HubFixture.options(gw, secret)).waitForCompletion(5000);
            c.disconnect().waitForCompletion(2000);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close(true);
        }
    }

    /**
     * Verifies that CONNACK advertises Receive Maximum and that a client exceeding it is disconnected with
     * 0x93 (Receive Maximum exceeded) instead of filling the shared ingest queue.
     */
    @Test
    void receiveMaximumAdvertisedAndEnforced() throws Exception {
        // GIVEN a hub with Receive Maximum 2 whose commits are held, so nothing gets acknowledged
        hub.close();
        ControllableStore[] store = new ControllableStore[1];
        hub = HubFixture.start(HubFixture.config(dir).withMqttReceiveMaximum(2), s -> store[0] = new ControllableStore(s));
        MqttAsyncClient paho = hub.client(GW2);
        IMqttToken connected = paho.connect(HubFixture.options(GW2, GW2_SECRET));
        connected.waitForCompletion(5000);
        assertThat(connected.getResponseProperties().getReceiveMaximum()).isEqualTo(2);
        paho.disconnect().waitForCompletion(2000);
        paho.close(true);
        store[0].holdCommits();
        try (RawMqttClient raw = new RawMqttClient(hub.hub.mqttPort())) {
            assertThat(raw.connect(GW, GW, GW_SECRET).reasonCode()).isZero();
            // WHEN it sends a third QoS 1 PUBLISH while two are unacknowledged
            for (int id = 1; id <= 3; id++) {
                raw.publishQos1(Topics.uplink(GW, MessageKind.TELEMETRY), id, hub.encode(Envelopes.telemetry(GW, id)));
            }
            // THEN the hub disconnects it with 0x93
            RawMqttClient.Packet p = raw.read();
            assertThat(p.type()).isEqualTo(RawMqttClient.Packet.DISCONNECT);
            assertThat(p.reasonCode()).isEqualTo(0x93);
        } finally {
            store[0].release();
        }
    }

    /** Verifies that a client id other than the user name is refused with 0x85 Client identifier not valid. */
    @Test
    void clientIdMustBeGatewayId() throws Exception {
        MqttAsyncClient c = hub.client("someone-else");
        assertThatThrownBy(() -> c.connect(HubFixture.options(GW, GW_SECRET)).waitForCompletion(5000))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x85));
        c.close(true);
    }

    /** Verifies that a QoS 1 alarm is acknowledged with success and then shows up as an open case. */
    @Test
    void alarmOpensCase() throws Exception {
        // GIVEN
        client = hub.connect(GW, GW_SECRET);
        // WHEN
        int rc = hub.publish(client, Envelopes.hydrantLow(GW, 1, "alarm-1"));
        // THEN the ack came after the commit, so the case is already there
        assertThat(rc).isZero();
        JsonObject page = cases();
        assertThat(page.getLong("total")).isEqualTo(1);
        JsonObject c = page.getJsonArray("items").getJsonObject(0);
        assertThat(c.getString("stage")).isEqualTo("OPEN");
        assertThat(c.getString("type")).isEqualTo("fire.hydrant-pressure-low");
        JsonObject detail = new JsonObject(hub.get("/api/cases/" + c.getLong("id"), hub.adminToken()).body());
        assertThat(detail.getJsonArray("alarms").getJsonObject(0).getString("gateway")).isEqualTo(GW);
        assertThat(detail.getJsonArray("timeline").getJsonObject(0).getString("action")).isEqualTo("case opened");
    }

    /** Verifies that the same (gateway, boot, seq) published twice is acknowledged twice and stored once. */
    @Test
    void duplicateStoredOnce() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        Envelope e = Envelopes.hydrantLow(GW, 5, "alarm-5");
        assertThat(hub.publish(client, e)).isZero();
        assertThat(hub.publish(client, e)).isZero();
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(1);
        assertThat(cases().getLong("total")).isEqualTo(1);
        assertThat(hub.hub.counters().duplicates.get()).isEqualTo(1);
    }

    /** Verifies that malformed JSON gets PUBACK 0x99 Payload format invalid and nothing is stored. */
    @Test
    void malformedJsonRejectedWith0x99() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        int rc = HubFixture.publish(client, Topics.uplink(GW, MessageKind.ALARM), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(0x99);
        int missing = HubFixture.publish(client, Topics.uplink(GW, MessageKind.ALARM),
                "{\"v\":1,\"gw\":\"gw-it-01\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(missing).isEqualTo(0x99);
        assertThat(hub.hub.store().stats().messages()).isZero();
        assertThat(hub.hub.counters().rejected.get()).isEqualTo(2);
        assertThat(client.isConnected()).isTrue();
    }

    /**
     * Verifies that a newer envelope version is "not yet", not "never". GIVEN a hub that speaks version 1 WHEN a
     * gateway publishes a version 2 envelope THEN the PUBACK is 0x80, which the gateway retries, and nothing is stored.
     */
    @Test
    void newerEnvelopeVersionIsRetryable0x80() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        String v2 = new String(hub.encode(Envelopes.hydrantLow(GW, 1, "alarm-1")), StandardCharsets.UTF_8)
                .replaceFirst("^\\{\"v\":1,", "{\"v\":2,");
        assertThat(v2).startsWith("{\"v\":2,");
        int rc = HubFixture.publish(client, Topics.uplink(GW, MessageKind.ALARM), v2.getBytes(StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(0x80);
        assertThat(io.onegrid.protocol.ProtocolError.isRetryableReasonCode(rc)).isTrue();
        assertThat(hub.hub.store().stats().alarms()).isZero();
        assertThat(hub.hub.counters().failed.get()).isEqualTo(1);
        assertThat(hub.hub.counters().rejected.get()).isZero();
    }

    /** Verifies that publishing under another gateway's topic, or an envelope naming another gateway, gets 0x87. */
    @Test
    void otherGatewaysTopicRejectedWith0x87() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        Envelope foreign = Envelopes.hydrantLow(GW2, 1, "alarm-x");
        assertThat(HubFixture.publish(client, Topics.uplink(GW2, MessageKind.ALARM), hub.encode(foreign))).isEqualTo(0x87);
        assertThat(HubFixture.publish(client, "somewhere/else", hub.encode(foreign))).isEqualTo(0x87);
        assertThat(HubFixture.publish(client, Topics.uplink(GW, MessageKind.ALARM), hub.encode(foreign))).isEqualTo(0x87);
        assertThat(HubFixture.publish(client, Topics.PREFIX + GW + "/nonsense", hub.encode(foreign))).isEqualTo(0x90);
        assertThat(hub.hub.store().stats().alarms()).isZero();
    }

    /** Verifies the subscribe ACL: its own cmd/+ is granted QoS 1, anything else gets 0x87. */
    @Test
    void subscribeOnlyToOwnCommands() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        IMqttToken t = client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(Topics.commandFilter(GW), 1),
                new org.eclipse.paho.mqttv5.common.MqttSubscription(Topics.commandFilter(GW2), 1),
                new org.eclipse.paho.mqttv5.common.MqttSubscription("#", 0)});
        t.waitForCompletion(5000);
        assertThat(t.getReasonCodes()).containsExactly(1, 0x87, 0x87);
    }

    /** Verifies that when storage fails the PUBACK is 0x97 (retry later), then the retry succeeds once stored. */
    @Test
    void storageFailureIs0x97ThenRetryStores() throws Exception {
        // GIVEN a hub whose database fails
        hub.close();
        ControllableStore[] store = new ControllableStore[1];
        hub = HubFixture.start(HubFixture.config(dir), s -> store[0] = new ControllableStore(s));
        client = hub.connect(GW, GW_SECRET);
        store[0].failing = true;
        Envelope e = Envelopes.hydrantLow(GW, 1, "alarm-1");
        // WHEN / THEN
        assertThat(hub.publish(client, e)).isEqualTo(0x97);
        assertThat(hub.hub.store().stats().alarms()).isZero();
        // WHEN the database recovers and the gateway sends the same message again
        store[0].failing = false;
        assertThat(hub.publish(client, e)).isZero();
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(1);
    }

    /**
     * Verifies that a message whose application fails in a way that would repeat (here a database trigger
     * refuses it) gets the final PUBACK 0x83, not 0x97 forever, while the next message is stored normally.
     */
    @Test
    void unprocessableMessageIsFinal0x83() throws Exception {
        // GIVEN the hub's database refuses events of type 'poison' (installed while the hub is stopped: the
        // running hub's single writer holds the write lock)
        hub.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + HubFixture.config(dir).databaseFile());
             Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'poison refused'); END");
        }
        hub = HubFixture.start(dir);
        client = hub.connect(GW, GW_SECRET);
        Envelope poison = Envelope.of(GW, "boot-1", 1, Envelopes.TS, new Body.Event("poison", "smoke-302", Map.of()));
        // WHEN
        int poisonCode = hub.publish(client, poison);
        int nextCode = hub.publish(client, Envelopes.event(GW, 2));
        // THEN
        assertThat(poisonCode).isEqualTo(0x83);
        assertThat(nextCode).isZero();
        assertThat(hub.hub.store().stats().events()).isEqualTo(1);
        assertThat(hub.hub.counters().unprocessable.get()).isEqualTo(1);
        assertThat(hub.hub.counters().failed.get()).isZero();
    }

    /**
     * Verifies crash-before-commit semantics: a message whose transaction never commits is never
     * acknowledged; after a restart the gateway's resend is stored exactly once.
     */
    @Test
    void noAckWithoutCommitAcrossRestart() throws Exception {
        // GIVEN a hub that holds its next commit
        hub.close();
        ControllableStore[] store = new ControllableStore[1];
        hub = HubFixture.start(HubFixture.config(dir), s -> store[0] = new ControllableStore(s));
        client = hub.connect(GW, GW_SECRET);
        store[0].holdCommits();
        Envelope e = Envelopes.hydrantLow(GW, 1, "alarm-1");
        MqttMessage m = new MqttMessage(hub.encode(e));
        m.setQos(1);
        IMqttToken token = client.publish(Topics.uplink(GW, MessageKind.ALARM), m);
        store[0].entered.await();
        // WHEN the hub dies while the batch is not committed
        assertThat(token.isComplete()).isFalse();
        store[0].kill();
        hub.close();
        // THEN the gateway got no success ack and nothing was stored
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
        assertThat(token.getReasonCodes() == null || token.getReasonCodes()[0] != 0).isTrue();
        client.close(true);
        // WHEN the hub restarts on the same database and the gateway resends twice
        hub = HubFixture.start(dir);
        assertThat(hub.hub.store().stats().alarms()).isZero();
        client = hub.connect(GW, GW_SECRET);
        assertThat(hub.publish(client, e)).isZero();
        assertThat(hub.publish(client, e)).isZero();
        // THEN one alarm, one case
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(1);
        assertThat(cases().getLong("total")).isEqualTo(1);
    }

    /** Verifies that birth makes the gateway online with its devices and the will (death) makes it offline. */
    @Test
    void birthOnlineWillOffline() throws Exception {
        // GIVEN a connection with a death envelope as will
        client = hub.client(GW);
        MqttConnectionOptions o = HubFixture.options(GW, GW_SECRET);
        MqttMessage will = new MqttMessage(hub.encode(Envelopes.death(GW, "boot-1")));
        will.setQos(1);
        o.setWill(Topics.uplink(GW, MessageKind.DEATH), will);
        client.connect(o).waitForCompletion(5000);
        // WHEN
        assertThat(hub.publish(client, Envelopes.birth(GW, "boot-1"))).isZero();
        // THEN
        JsonObject gw = gateway(GW);
        assertThat(gw.getBoolean("online")).isTrue();
        assertThat(gw.getJsonArray("devices")).hasSize(2);
        // WHEN the connection drops without DISCONNECT
        client.disconnectForcibly(0, 100, false);
        // THEN
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway(GW).getBoolean("online"));
        assertThat(gateway(GW).getString("lastSeen")).isNotNull();
    }

    /** Verifies that a second connection with the same gateway id takes over the first (0x8E). */
    @Test
    void newConnectionTakesOver() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        assertThat(hub.publish(client, Envelopes.birth(GW, "boot-1"))).isZero();
        MqttAsyncClient second = hub.connect(GW, GW_SECRET);
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
        assertThat(second.isConnected()).isTrue();
        assertThat(hub.publish(second, Envelopes.telemetry(GW, 1))).isZero();
        assertThat(gateway(GW).getBoolean("online")).isTrue();
        second.disconnect().waitForCompletion(2000);
        second.close(true);
    }

    /**
     * Verifies that a payload over the limit is refused, final and not stored: 0x83, because PUBACK cannot
     * carry 0x95 Packet too large (see ReasonCodes).
     */
    @Test
    void oversizedPayloadRejected() throws Exception {
        client = hub.connect(GW, GW_SECRET);
        byte[] big = new byte[EnvelopeCodec.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(HubFixture.publish(client, Topics.uplink(GW, MessageKind.TELEMETRY), big)).isEqualTo(0x83);
        assertThat(hub.hub.store().stats().messages()).isZero();
    }

    private JsonObject gateway(String id) throws Exception {
        JsonArray items = new JsonObject(hub.get("/api/gateways", hub.adminToken()).body()).getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.getJsonObject(i).getString("id").equals(id)) return items.getJsonObject(i);
        }
        throw new AssertionError("no gateway " + id);
    }
}
