package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's per-boot clock estimate and the alarm and case times it corrects, on a real SQLite file. */
class ClockCorrectionTest {
    private static final String GW = "gw-x";
    private static final Instant HUB_START = Instant.parse("2026-11-22T10:00:00Z");
    private static final long THREE_HOURS = Duration.ofHours(3).toMillis();

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(HUB_START);
    private JdbcHubStore store;

    @BeforeEach
    void open() {
        store = reopen();
        store.createGateway(GW, "hash");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private JdbcHubStore reopen() {
        return TestStores.sqlite(dir.resolve("hub.db"), clock);
    }

    /** An envelope whose wall clock is {@code offsetMs} off the hub and whose mono is now's offset from the boot start. */
    private Envelope alarmNow(String boot, long seq, long bootStartHub, long offsetMs) {
        long mono = clock.millis() - bootStartHub;
        Timestamp ts = new Timestamp(clock.millis() + offsetMs, mono);
        return Envelope.of(GW, boot, seq, ts, new Body.Alarm("a-" + boot + "-" + seq, "hydrant-" + seq, "low-pressure",
                Body.Transition.RAISED, "MAJOR", "fire.hydrant-pressure-low", Location.unit("site-" + seq, "B1"), ts,
                "pressure low", List.of()));
    }

    private Envelope birth(String boot, long bootStartHub, long offsetMs) {
        Timestamp ts = new Timestamp(clock.millis() + offsetMs, clock.millis() - bootStartHub);
        return Envelope.of(GW, boot, 0, ts, new Body.Birth("gateway 0.1.0", ts, List.of()));
    }

    private void ingest(Envelope e) {
        assertThat(store.apply(List.of(new StoreOp.Ingest(e)))).containsExactly(IngestResult.STORED);
    }

    private GatewayView gateway() {
        return store.gateways(io.onegrid.hub.cases.Scope.ALL).stream().filter(g -> g.id().equals(GW)).findFirst().orElseThrow();
    }

    private CaseDetail.AlarmView onlyAlarmOfNewestCase() {
        long id = store.cases(CaseQuery.all()).items().get(0).id();
        return store.caseDetail(id, io.onegrid.hub.cases.Scope.ALL).orElseThrow().alarms().get(0);
    }

    /** Verifies that a gateway 3 h behind gets hub-corrected alarm and case times and reports its skew. */
    @Test
    void gatewayThreeHoursBehindIsCorrected() {
        // GIVEN a boot that started 10 s before the hub's now, with a wall clock 3 h behind
        long bootStart = clock.millis() - 10_000;
        ingest(birth("boot-1", bootStart, -THREE_HOURS));
        clock.advance(Duration.ofSeconds(30));
        // WHEN it raises an alarm
        Envelope alarm = alarmNow("boot-1", 1, bootStart, -THREE_HOURS);
        ingest(alarm);
        // THEN the alarm keeps the gateway's wall time and carries the hub's estimate, which the case opens at
        CaseDetail.AlarmView a = onlyAlarmOfNewestCase();
        assertThat(a.raisedWallMs()).isEqualTo(clock.millis() - THREE_HOURS);
        assertThat(a.raisedCorrected()).isTrue();
        assertThat(a.raisedAt()).isEqualTo(clock.instant());
        assertThat(store.cases(CaseQuery.all()).items().get(0).openedAt())
                .isEqualTo(clock.instant());
        GatewayView g = gateway();
        assertThat(g.clockSkewMs()).isEqualTo(-THREE_HOURS);
        assertThat(g.clockCorrected()).isTrue();
    }

    /** Verifies that a gateway whose clock is within the tolerance keeps its own times. */
    @Test
    void correctGatewayIsNotCorrected() {
        // GIVEN a boot whose clock is 1 s ahead, and the alarm sits 5 s in transit
        long bootStart = clock.millis() - 10_000;
        ingest(birth("boot-1", bootStart, 1000));
        Envelope alarm = alarmNow("boot-1", 1, bootStart, 1000);
        clock.advance(Duration.ofSeconds(5));
        // WHEN it arrives
        ingest(alarm);
        // THEN the gateway's wall time stands and nothing is flagged
        CaseDetail.AlarmView a = onlyAlarmOfNewestCase();
        assertThat(a.raisedCorrected()).isFalse();
        assertThat(a.raisedAt()).isEqualTo(Instant.ofEpochMilli(a.raisedWallMs()));
        assertThat(gateway().clockSkewMs()).isEqualTo(1000);
        assertThat(gateway().clockCorrected()).isFalse();
    }

    /** Verifies that a message delivered late from the outbox does not move the boot-start estimate (minimum). */
    @Test
    void lateDeliveryDoesNotWorsenTheEstimate() {
        // GIVEN a 3 h-behind boot whose birth arrived promptly
        long bootStart = clock.millis() - 10_000;
        ingest(birth("boot-1", bootStart, -THREE_HOURS));
        // WHEN an alarm created now is delivered 20 minutes later (outbox backlog)
        Envelope late = alarmNow("boot-1", 1, bootStart, -THREE_HOURS);
        long raisedHub = clock.millis();
        clock.advance(Duration.ofMinutes(20));
        ingest(late);
        // THEN its raise time is when it was raised, not when it arrived, and the skew stays 3 h
        CaseDetail.AlarmView a = onlyAlarmOfNewestCase();
        assertThat(a.raisedAt()).isEqualTo(Instant.ofEpochMilli(raisedHub));
        assertThat(a.receivedAt()).isEqualTo(clock.instant());
        assertThat(gateway().clockSkewMs()).isEqualTo(-THREE_HOURS);
    }

    /** Verifies that the estimate survives a hub restart. */
    @Test
    void restartKeepsTheEstimate() {
        // GIVEN a 3 h-behind boot seen promptly once
        long bootStart = clock.millis() - 10_000;
        ingest(birth("boot-1", bootStart, -THREE_HOURS));
        Envelope backlog = alarmNow("boot-1", 1, bootStart, -THREE_HOURS);
        long raisedHub = clock.millis();
        // WHEN the hub restarts and the backlog arrives an hour later
        store.close();
        clock.advance(Duration.ofHours(1));
        store = reopen();
        ingest(backlog);
        // THEN the pre-restart estimate still places the raise correctly
        assertThat(onlyAlarmOfNewestCase().raisedAt()).isEqualTo(Instant.ofEpochMilli(raisedHub));
        assertThat(gateway().clockSkewMs()).isEqualTo(-THREE_HOURS);
    }

    /** Verifies that a new boot id starts a new estimate instead of inheriting the old one. */
    @Test
    void newBootStartsNewEstimate() {
        // GIVEN boot-1 with a clock 3 h behind
        long boot1Start = clock.millis() - 10_000;
        ingest(birth("boot-1", boot1Start, -THREE_HOURS));
        // WHEN the gateway reboots a minute later with a right clock
        clock.advance(Duration.ofMinutes(1));
        long boot2Start = clock.millis();
        clock.advance(Duration.ofSeconds(3));
        ingest(birth("boot-2", boot2Start, 0));
        ingest(alarmNow("boot-2", 1, boot2Start, 0));
        // THEN the new boot is measured on its own: no skew, no correction
        assertThat(gateway().bootId()).isEqualTo("boot-2");
        assertThat(gateway().clockSkewMs()).isZero();
        assertThat(gateway().clockCorrected()).isFalse();
        assertThat(onlyAlarmOfNewestCase().raisedCorrected()).isFalse();
    }

    /** Verifies the skew wording of the once-per-boot warning. */
    @Test
    void describesSkew() {
        assertThat(BootClocks.describe(-(THREE_HOURS + Duration.ofMinutes(12).toMillis()))).isEqualTo("3h12m");
        assertThat(BootClocks.describe(150_000)).isEqualTo("2m30s");
        assertThat(BootClocks.describe(1500)).isEqualTo("1.5s");
    }
}
