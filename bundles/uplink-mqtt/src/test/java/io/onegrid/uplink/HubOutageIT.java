package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of the uplink with the real SQLite outbox and a hub that fails on its own clock ({@link ScriptedHub}):
 * nothing is given up for a transient failure, alarms come first afterwards, and the outbox's byte bound costs
 * only the oldest telemetry.
 */
class HubOutageIT {
    private static final String GW = "gw-outage-01";
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(50, 200, 50, 200, 11);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private SqliteOutbox outbox;
    private WireEncoder encoder;
    private ScriptedHub hub;
    private MqttUplink uplink;

    @BeforeEach
    void open() throws Exception {
        encoder = new WireEncoder(GW, "boot-outage", GatewayClock.SYSTEM, new EnvelopeCodec());
    }

    @AfterEach
    void close() throws Exception {
        if (uplink != null) uplink.stop();
        if (outbox != null) outbox.close();
        if (hub != null) hub.close();
    }

    private void start(int maxInFlight, int healthSeconds) throws Exception {
        UplinkSettings s = new UplinkSettings(GW, hub.uri(), null, null, 30, healthSeconds, null, maxInFlight, 0,
                UplinkSettings.DEFAULT_MAX_ATTEMPTS);
        uplink = new MqttUplink(s, encoder, outbox, List::of, id -> DeviceHealth.UNKNOWN, "test", FAST);
        uplink.start();
    }

    private long alarm(String id) throws Exception {
        return outbox.append(encoder.alarm(new AlarmTransition(id, "smoke-302", "smoke", true, "CRITICAL", "fire.smoke",
                new Coverage("bldg-7", "302", null, null), 1L, 1L, "smoke", List.of(), 1L, 1L)));
    }

    private void telemetry(int value) throws Exception {
        outbox.append(encoder.telemetry(List.of(new Reading("hydrant-b7", "pressure", (double) value, "MPa",
                Quality.GOOD, 1L, 1L))));
    }

    private static double valueOf(Envelope e) {
        return (Double) ((Body.Telemetry) e.body()).readings().get(0).value();
    }

    private static String alarmIdOf(Envelope e) {
        return ((Body.Alarm) e.body()).alarmId();
    }

    /**
     * GIVEN a hub that for a minute of its time answers with 0x97 and 0x80 and drops the connection without a
     * PUBACK (four times in a row, more than the hold-back threshold) WHEN it recovers THEN nothing was
     * quarantined, every message arrives once, alarms first in their order, then the event, then telemetry.
     */
    @Test
    void aMinuteOfTransientErrorsLosesNothingAndAlarmsComeFirst() throws Exception {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0), GatewayClock.SYSTEM);
        hub = new ScriptedHub(60_000, 5_000, List.of(ScriptedHub.Step.QUOTA_EXCEEDED, ScriptedHub.Step.QUOTA_EXCEEDED,
                ScriptedHub.Step.DROP_CONNECTION, ScriptedHub.Step.DROP_CONNECTION, ScriptedHub.Step.DROP_CONNECTION,
                ScriptedHub.Step.DROP_CONNECTION, ScriptedHub.Step.UNSPECIFIED_ERROR, ScriptedHub.Step.DROP_CONNECTION,
                ScriptedHub.Step.QUOTA_EXCEEDED, ScriptedHub.Step.UNSPECIFIED_ERROR, ScriptedHub.Step.QUOTA_EXCEEDED,
                ScriptedHub.Step.QUOTA_EXCEEDED));
        for (int i = 0; i < 3; i++) telemetry(i);
        alarm("a1");
        alarm("a2");
        outbox.append(encoder.event(new GatewayEvent("device.added", "smoke-302", Map.of(), 1L, 1L)));
        for (int i = 3; i < 6; i++) telemetry(i);
        alarm("a3");

        // One in flight: the order the hub sees is then the order the drain chose, whatever the timing.
        start(1, 3600);

        await().atMost(WAIT).until(() -> hub.accepted.size() == 10);
        assertThat(hub.clockMs.get()).isGreaterThanOrEqualTo(60_000);
        assertThat(hub.refused.get()).isEqualTo(12);
        assertThat(hub.acceptedKinds()).containsExactly("alarm", "alarm", "alarm", "event",
                "telemetry", "telemetry", "telemetry", "telemetry", "telemetry", "telemetry");
        assertThat(hub.accepted.subList(0, 3)).extracting(HubOutageIT::alarmIdOf).containsExactly("a1", "a2", "a3");
        assertThat(hub.accepted.subList(4, 10)).extracting(HubOutageIT::valueOf)
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        await().atMost(WAIT).until(() -> outbox.stats().pending() == 0);
        assertThat(outbox.stats().quarantined()).isZero();
    }

    /**
     * GIVEN a hub refusing everything with 0x97 and an outbox bounded to about 10 telemetry messages WHEN 60
     * telemetry messages and 3 alarms arrive meanwhile THEN the oldest telemetry is dropped and counted (in the
     * stats and in the health message), every alarm is kept, and after the outage the alarms and the newest
     * telemetry arrive.
     */
    @Test
    void theByteBoundDropsOldestTelemetryAndKeepsEveryAlarm() throws Exception {
        int telemetrySize = encoder.telemetry(List.of(new Reading("hydrant-b7", "pressure", 10.0, "MPa",
                Quality.GOOD, 1L, 1L))).payload().length;
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0)
                .withMaxBytes(13L * telemetrySize), GatewayClock.SYSTEM);
        hub = new ScriptedHub(Long.MAX_VALUE, 0, List.of());
        start(4, 1);
        List<String> alarms = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            telemetry(10 + i);
            if (i % 25 == 0) alarms.add(Long.toString(alarm("alarm-" + i)));
        }
        await().atMost(WAIT).until(() -> hub.refused.get() > 0);
        long dropped = outbox.stats().droppedTelemetry();
        assertThat(dropped).isPositive();
        assertThat(outbox.stats().pending()).isEqualTo(60 - dropped + 3);

        hub.clockMs.set(Long.MAX_VALUE); // the outage is over

        await().atMost(WAIT).until(() -> hub.accepted.size() == 60 - dropped + 3);
        assertThat(hub.accepted).filteredOn(e -> e.body() instanceof Body.Alarm).extracting(HubOutageIT::alarmIdOf)
                .containsExactly("alarm-0", "alarm-25", "alarm-50");
        List<Double> kept = hub.accepted.stream().filter(e -> e.body() instanceof Body.Telemetry)
                .map(HubOutageIT::valueOf).sorted().toList();
        assertThat(kept).first().isEqualTo(10.0 + dropped);
        assertThat(kept).last().isEqualTo(69.0);
        assertThat(kept).doesNotHaveDuplicates().hasSize((int) (60 - dropped));
        assertThat(outbox.stats().quarantined()).isZero();
        await().atMost(WAIT).until(() -> hub.health.stream()
                .anyMatch(h -> ((Body.Health) h.body()).outboxDropped() == dropped));
    }

    /**
     * GIVEN a hub that refuses one alarm for good (0x99) WHEN it is sent THEN it is quarantined once, the hub
     * receives an alarm.set-aside event naming it, and the health message counts the quarantined message.
     */
    @Test
    void anAlarmSetAsideReachesTheHubAsAnEvent() throws Exception {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0), GatewayClock.SYSTEM);
        hub = new ScriptedHub(0, 0, List.of());
        hub.verdict = e -> e.body() instanceof Body.Alarm a && a.alarmId().equals("bad")
                ? MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID : MqttPubAckReasonCode.SUCCESS;
        long id = alarm("bad");

        start(4, 1);

        await().atMost(WAIT).until(() -> hub.accepted.stream().anyMatch(e -> e.body() instanceof Body.Event));
        Body.Event notice = (Body.Event) hub.accepted.get(0).body();
        assertThat(notice.type()).isEqualTo("alarm.set-aside");
        assertThat(notice.device()).isEqualTo("smoke-302");
        assertThat(notice.detail()).containsEntry("alarmId", "bad").containsEntry("transition", "raised")
                .containsEntry("rule", "smoke").containsEntry("reason", "PUBACK reason code 0x99")
                .containsEntry("outboxId", Long.toString(id));
        await().atMost(WAIT).until(() -> hub.health.stream().anyMatch(h -> ((Body.Health) h.body()).outboxQuarantined() == 1
                && ((Body.Health) h.body()).outboxQuarantinedBytes() > 0));
    }
}
