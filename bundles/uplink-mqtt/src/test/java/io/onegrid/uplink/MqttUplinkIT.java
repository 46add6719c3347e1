package io.onegrid.uplink;

import io.onegrid.testing.TcpProxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.CommState;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink against a real MQTT 5 broker we did not write (Debian's mosquitto), with the real SQLite
 * outbox. Skipped where mosquitto is not installed.
 */
class MqttUplinkIT {
    private static final String GW = "gw-it-01";
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(100, 400, 100, 400, 42);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private SqliteOutbox outbox;
    private WireEncoder encoder;
    private Subscriber hub;
    private MqttUplink uplink;
    private static final DeviceRef SMOKE = new DeviceRef("smoke-302", "smoke-detector-gpio", "smoke=17",
            "gpio", new Coverage("bldg-7", "302", null, null), Map.of());
    private volatile List<DeviceRef> devices = List.of(SMOKE);

    @BeforeEach
    void start() throws Exception {
        Path mosquitto = MosquittoBroker.required();
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        broker = MosquittoBroker.start(mosquitto, brokerDir);
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(2), GatewayClock.SYSTEM);
        encoder = new WireEncoder(GW, UUID.randomUUID().toString(), GatewayClock.SYSTEM, new EnvelopeCodec());
        hub = new Subscriber(broker.uri());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) uplink.stop();
        if (hub != null) hub.close();
        if (outbox != null) outbox.close();
        if (broker != null) broker.close();
    }

    private MqttUplink uplink(String uri) throws Exception {
        UplinkSettings s = new UplinkSettings(GW, uri, null, "not-checked-by-this-broker", 5, 3600, null, 16, 0, 50);
        uplink = new MqttUplink(s, encoder, outbox, () -> devices, id -> new DeviceHealth(CommState.OK, null),
                "0.1.0-test", FAST);
        uplink.start();
        return uplink;
    }

    private void appendReadings(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            outbox.append(encoder.telemetry(List.of(new Reading("hydrant-b7", "pressure", 0.3 + i, "MPa",
                    Quality.GOOD, 1L, 1L))));
        }
    }

    /**
     * GIVEN a hub that refused long enough for the reconnect backoff to reach half a minute, now reachable again WHEN
     * a smoke alarm is raised THEN it reaches the hub within seconds (at most the 5 s urgent reconnect plus the
     * connect), not at the next backoff attempt half a minute later: an alarm waiting cuts the wait short.
     */
    @Test
    void anAlarmDoesNotWaitOutALongReconnectBackoff() throws Exception {
        try (TcpProxy link = new TcpProxy(Integer.parseInt(broker.uri().replaceAll(".*:", "")))) {
            link.refuse(true);
            UplinkSettings s = new UplinkSettings(GW, link.uri(), null, "not-checked-by-this-broker", 5, 3600, null, 16, 0, 50);
            // the backoff of a long outage: every attempt 30 to 60 s apart
            uplink = new MqttUplink(s, encoder, outbox, () -> devices, id -> new DeviceHealth(CommState.OK, null),
                    "0.1.0-test", new MqttUplink.Timing(60_000, 60_000, 100, 400, 42));
            uplink.start();
            await().atMost(WAIT).until(() -> link.events().stream().anyMatch(e -> e.contains("refused")) || link.accepted() > 0);
            link.refuse(false);

            long raised = System.nanoTime();
            outbox.append(encoder.alarm(new io.onegrid.api.AlarmTransition("a-urgent", "smoke-302", "smoke", true, "CRITICAL",
                    "fire.smoke", new Coverage("bldg-7", "302", null, null), 1L, 1L, "smoke", List.of(), 1L, 1L)));

            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ofKind(MessageKind.ALARM).size() == 1);
            assertThat((System.nanoTime() - raised) / 1e9).as("well before the 30 s backoff").isLessThan(12.0);
        }
    }

    /** On connect the birth (with devices and coverage) comes first, then the outbox drains and empties. */
    @Test
    void birthThenOutboxDrainedAndAcknowledged() throws Exception {
        appendReadings(5);
        outbox.append(encoder.event(new GatewayEvent("walk-test", "smoke-302", Map.of(), 1L, 1L)));

        uplink(broker.uri());

        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.TELEMETRY).size() == 5
                && hub.ofKind(MessageKind.EVENT).size() == 1);
        Envelope birth = hub.received.get(0);
        assertThat(birth.kind()).isEqualTo(MessageKind.BIRTH);
        assertThat(((Body.Birth) birth.body()).devices()).extracting(Body.DeclaredDevice::id).containsExactly("smoke-302");
        assertThat(hub.received.get(1).kind()).isEqualTo(MessageKind.EVENT); // events before telemetry
        await().atMost(WAIT).until(() -> outbox.stats().pending() == 0);
    }

    /**
     * GIVEN a connected uplink whose first birth declared no device (the registry was still empty) WHEN
     * devices are registered, one changes and one is removed THEN each change brings a birth with the
     * current list; a notification without a change sends nothing.
     */
    @Test
    void birthFollowsTheDeviceList() throws Exception {
        devices = List.of();
        uplink(broker.uri());
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 1);
        assertThat(declared(0)).isEmpty();

        DeviceRef hydrant = new DeviceRef("hydrant-b7", "hydrant-pressure-modbus", "127.0.0.1:5020/1", "tcp:x",
                new Coverage("bldg-7", null, "pump-room", null), Map.of());
        devices = List.of(SMOKE, hydrant);
        uplink.devicesChanged();
        uplink.devicesChanged(); // a burst of notifications: one birth
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 2);
        assertThat(declared(1)).containsExactly("smoke-302", "hydrant-b7");

        devices = List.of(new DeviceRef("smoke-302", "smoke-detector-gpio", "smoke=17", "gpio",
                new Coverage("bldg-7", "303", null, null), Map.of()));
        uplink.devicesChanged();
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 3);
        assertThat(((Body.Birth) hub.ofKind(MessageKind.BIRTH).get(2).body()).devices().get(0).location().unit())
                .isEqualTo("303");

        uplink.devicesChanged(); // nothing changed
        await().during(Duration.ofMillis(3 * MqttUplink.BIRTH_SETTLE_MS)).atMost(WAIT)
                .until(() -> hub.ofKind(MessageKind.BIRTH).size() == 3);
    }

    private List<String> declared(int birth) {
        return ((Body.Birth) hub.ofKind(MessageKind.BIRTH).get(birth).body()).devices().stream()
                .map(Body.DeclaredDevice::id).toList();
    }

    /** With the broker down messages stay in the outbox; when it is back they are delivered, after a new birth. */
    @Test
    void brokerDownMessagesStayThenDelivered() throws Exception {
        uplink(broker.uri());
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 1);

        hub.close();
        broker.stop();
        appendReadings(3);
        await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> outbox.stats().pending() == 3);

        broker.restart();
        hub = new Subscriber(broker.uri(), hub.clientId, hub.received); // the hub's session survived the restart
        await().atMost(WAIT).until(() -> outbox.stats().pending() == 0);
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.TELEMETRY).size() >= 3);
        assertThat(hub.ofKind(MessageKind.TELEMETRY)).extracting(Envelope::seq).doesNotHaveDuplicates();
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 2);
    }

    /** When the connection dies without DISCONNECT, the broker publishes the will: a death "connection lost". */
    @Test
    void willPublishedWhenConnectionDies() throws Exception {
        try (TcpProxy cable = new TcpProxy(broker.port())) {
            uplink(cable.uri());
            await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 1);

            cable.cutAll();

            await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.DEATH).size() == 1);
            Envelope death = hub.ofKind(MessageKind.DEATH).get(0);
            assertThat(death.gatewayId()).isEqualTo(GW);
            assertThat(death.body()).isEqualTo(new Body.Death("connection lost"));
            // and it comes back on its own
            await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 2);
        }
    }

    /** A clean stop says goodbye with death "shutdown", and the will is not published. */
    @Test
    void cleanStopPublishesShutdownDeath() throws Exception {
        uplink(broker.uri());
        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.BIRTH).size() == 1);

        uplink.stop();
        uplink = null;

        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.DEATH).size() == 1);
        await().during(Duration.ofMillis(500)).until(() -> hub.ofKind(MessageKind.DEATH).size() == 1);
        assertThat(hub.ofKind(MessageKind.DEATH).get(0).body()).isEqualTo(new Body.Death("shutdown"));
    }
}
