package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.CommState;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Timestamp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat carries what the real outbox, the device registry and the clock say when it is sent. */
class HeartbeatTest {
    private static final DeviceRef HYDRANT = new DeviceRef("hydrant-b7", "hydrant-pressure-modbus", "h:502/1", "tcp:h",
            new Coverage("bldg-7", null, "pump-room", null), Map.of());
    private static final DeviceRef SMOKE = new DeviceRef("smoke-302", "smoke-detector-gpio", "smoke=17", "gpio",
            new Coverage("bldg-7", "302", null, null), Map.of());

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private SqliteOutbox outbox;
    private Heartbeat heartbeat;

    @BeforeEach
    void open() throws Exception {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0), clock);
        Map<String, DeviceHealth> registry = Map.of("hydrant-b7", new DeviceHealth(CommState.DEGRADED, 12_000L),
                "smoke-302", new DeviceHealth(CommState.DOWN, null));
        heartbeat = new Heartbeat(clock, outbox, id -> registry.getOrDefault(id, DeviceHealth.UNKNOWN),
                new ClockSyncProbe(dir.resolve("synchronized")));
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    private long append(Priority p, String text) throws Exception {
        return outbox.append(new OutboundMessage(p, p.name().toLowerCase(java.util.Locale.ROOT),
                text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * GIVEN telemetry stored 90 s ago, an alarm stored 30 s ago and quarantined, and a registry with one degraded
     * and one faulted device WHEN the heartbeat is built and encoded THEN it carries the backlog, the quarantine,
     * the age of the oldest message, each device's state and reading age, the uptime, and the envelope's clocks
     * are the gateway's at sending.
     */
    @Test
    void carriesTheOutboxTheDevicesAndTheClocks() throws Exception {
        append(Priority.TELEMETRY, "t1");
        clock.advance(60_000);
        long alarm = append(Priority.ALARM, "alarm!");
        append(Priority.TELEMETRY, "t2");
        outbox.quarantine(alarm, "PUBACK reason code 0x99");
        outbox.flush();
        clock.advance(30_000);
        WireEncoder encoder = new WireEncoder("gw-1", "boot-1", clock, codec);

        Body.Health h = heartbeat.body(List.of(HYDRANT, SMOKE));
        Envelope sent = codec.decode(encoder.health(h), MessageKind.HEALTH);

        assertThat(sent.body()).isEqualTo(h);
        assertThat(sent.ts()).isEqualTo(new Timestamp(clock.wallMs(), clock.monoMs()));
        assertThat(h.uptimeMs()).isEqualTo(clock.monoMs());
        assertThat(h.outboxPending()).isEqualTo(2);
        assertThat(h.outboxQuarantined()).isEqualTo(1);
        assertThat(h.outboxQuarantinedBytes()).isEqualTo(6);
        assertThat(h.outboxOldestAgeMs()).isEqualTo(90_000L);
        assertThat(h.clockSync()).isEqualTo(Body.ClockSync.UNKNOWN);
        assertThat(h.devices()).containsExactly(
                new Body.DeviceStatus("hydrant-b7", true, Body.CommState.DEGRADED, 12_000L),
                new Body.DeviceStatus("smoke-302", false, Body.CommState.DOWN, null));
    }

    /**
     * GIVEN an empty outbox and the time service's flag present WHEN the heartbeat is built THEN there is no oldest
     * age, the clock is reported synchronised, and a device the registry does not know is UNKNOWN and offline.
     */
    @Test
    void emptyOutboxAndSynchronisedClock() throws Exception {
        Files.createFile(dir.resolve("synchronized"));
        DeviceRef other = new DeviceRef("door-305", "door-contact-gpio", "door=22", "gpio", null, Map.of());

        Body.Health h = heartbeat.body(List.of(other));

        assertThat(h.outboxPending()).isZero();
        assertThat(h.outboxOldestAgeMs()).isNull();
        assertThat(h.clockSync()).isEqualTo(Body.ClockSync.SYNCED);
        assertThat(h.devices()).containsExactly(new Body.DeviceStatus("door-305", false, Body.CommState.UNKNOWN, null));
    }

    /**
     * GIVEN a message stored while the wall clock was ahead (then stepped back by the time service) WHEN the
     * heartbeat is built THEN the oldest age is 0, never negative: an age from wall times is only as good as the clock.
     */
    @Test
    void aClockSteppedBackGivesNoNegativeAge() throws Exception {
        append(Priority.EVENT, "e");
        clock.wall.addAndGet(-3_600_000);

        assertThat(heartbeat.body(List.of()).outboxOldestAgeMs()).isZero();
    }
}
