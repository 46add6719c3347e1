package io.onegrid.hub.store;

import static io.onegrid.hub.Envelopes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Scope;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Location;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HubStore} must have. Subclasses supply a fresh, migrated store; a PostgreSQL
 * store passes the same tests.
 */
public abstract class HubStoreContract {
    protected static final Duration WINDOW = TestStores.WINDOW;
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    protected HubStore store;
    /** Timeline lines about notifications and placement, which these ingest tests do not look at. */
    static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("notified", "notification", "unplaced");

    /** A new empty store using {@link #clock} and {@link #WINDOW}. */
    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        store.putGatewaySecret("gw-1", "hash-1");
        store.putGatewaySecret("gw-2", "hash-2");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoreOp in(io.onegrid.protocol.Envelope e) {
        return new StoreOp.Ingest(e);
    }

    /** Verifies that a raised alarm is stored and opens one OPEN case with alarm and "case opened" timeline. */
    @Test
    void raisedAlarmOpensCase() {
        // GIVEN / WHEN
        List<IngestResult> r = store.apply(List.of(in(hydrantLow("gw-1", 1, "a-1"))));
        // THEN
        assertThat(r).containsExactly(IngestResult.STORED);
        CasePage page = store.cases(CaseQuery.all());
        assertThat(page.total()).isEqualTo(1);
        CaseSummary s = page.items().get(0);
        assertThat(s.stage()).isEqualTo(CaseStage.OPEN);
        assertThat(s.type()).isEqualTo("fire.hydrant-pressure-low");
        assertThat(s.severity()).isEqualTo("MAJOR");
        assertThat(s.site()).isEqualTo("site-a");
        assertThat(s.unit()).isEqualTo("B1");
        CaseDetail d = store.caseDetail(s.id(), Scope.ALL).orElseThrow();
        assertThat(d.alarms()).singleElement().satisfies(a -> {
            assertThat(a.alarmId()).isEqualTo("a-1");
            assertThat(a.raisedWallMs()).isEqualTo(TS.wallMs());
            assertThat(a.raisedMonoMs()).isEqualTo(TS.monoMs());
            assertThat(a.readingsJson()).contains("\"pressure\"").contains("0.05");
            assertThat(a.clearedAt()).isNull();
        });
        assertThat(d.timeline()).filteredOn(t -> !HubStoreContract.BOOKKEEPING.contains(t.action())).extracting(CaseDetail.TimelineEntry::action).containsExactly("case opened");
    }

    /** Verifies that the same (gateway, boot, seq) twice has one effect and the second is a DUPLICATE. */
    @Test
    void duplicateSequenceHasNoSecondEffect() {
        // GIVEN
        store.apply(List.of(in(hydrantLow("gw-1", 7, "a-1"))));
        // WHEN the same message arrives again, in another batch and twice within one batch
        List<IngestResult> again = store.apply(List.of(in(hydrantLow("gw-1", 7, "a-1")), in(hydrantLow("gw-1", 7, "a-1"))));
        // THEN
        assertThat(again).containsExactly(IngestResult.DUPLICATE, IngestResult.DUPLICATE);
        assertThat(store.stats().alarms()).isEqualTo(1);
        assertThat(store.stats().messages()).isEqualTo(1);
        assertThat(store.stats().cases()).isEqualTo(1);
    }

    /** Verifies that the same seq from another boot or another gateway is a new message. */
    @Test
    void dedupKeyIsGatewayBootSeq() {
        // WHEN
        List<IngestResult> r = store.apply(List.of(
                in(alarm("gw-1", "boot-1", 1, "a-1", "d", "r", Body.Transition.RAISED, "MINOR", "t", Location.unit("s", "u"))),
                in(alarm("gw-1", "boot-2", 1, "a-2", "d", "r", Body.Transition.RAISED, "MINOR", "t", Location.unit("s", "u"))),
                in(alarm("gw-2", "boot-1", 1, "a-1", "d", "r", Body.Transition.RAISED, "MINOR", "t", Location.unit("s", "u")))));
        // THEN
        assertThat(r).containsOnly(IngestResult.STORED);
        assertThat(store.stats().alarms()).isEqualTo(3);
    }

    /** Verifies that a re-raise from the same source joins the open case even after the window, raising severity. */
    @Test
    void sameSourceJoinsOpenCaseAndRaisesSeverity() {
        // GIVEN
        store.apply(List.of(in(hydrantLow("gw-1", 1, "a-1"))));
        clock.advance(Duration.ofHours(3));
        // WHEN
        store.apply(List.of(in(alarm("gw-1", "boot-1", 2, "a-2", "hydrant-1", "low-pressure", Body.Transition.RAISED,
                "critical", "fire.hydrant-pressure-low", Location.unit("site-a", "B1")))));
        // THEN
        CasePage page = store.cases(CaseQuery.all());
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items().get(0).severity()).isEqualTo("CRITICAL");
        assertThat(page.items().get(0).alarmCount()).isEqualTo(2);
        CaseDetail d = store.caseDetail(page.items().get(0).id(), Scope.ALL).orElseThrow();
        assertThat(d.timeline()).filteredOn(t -> !HubStoreContract.BOOKKEEPING.contains(t.action())).extracting(CaseDetail.TimelineEntry::action)
                .containsExactly("case opened", "alarm re-raised", "severity raised");
    }

    /** Verifies that another device at the same place and case type joins within the window and not after it. */
    @Test
    void samePlaceJoinsOnlyWithinWindow() {
        // GIVEN
        Location place = Location.unit("site-a", "302");
        store.apply(List.of(in(raised("gw-1", 1, "a-1", "smoke-a", "smoke", "fire.smoke", place))));
        clock.advance(WINDOW.minusSeconds(1));
        // WHEN a second detector in the same flat raises within the window
        store.apply(List.of(in(raised("gw-1", 2, "a-2", "smoke-b", "smoke", "fire.smoke", place))));
        // THEN it joins
        assertThat(store.cases(CaseQuery.all()).total()).isEqualTo(1);
        // WHEN a third raises more than a window after the last alarm
        clock.advance(WINDOW.plusSeconds(1));
        store.apply(List.of(in(raised("gw-1", 3, "a-3", "smoke-c", "smoke", "fire.smoke", place))));
        // THEN a new case opens
        assertThat(store.cases(CaseQuery.all()).total()).isEqualTo(2);
    }

    /** Verifies that another case type or another unit at the same site opens its own case. */
    @Test
    void otherTypeOrUnitOpensOwnCase() {
        // WHEN
        store.apply(List.of(
                in(raised("gw-1", 1, "a-1", "smoke-a", "smoke", "fire.smoke", Location.unit("site-a", "302"))),
                in(raised("gw-1", 2, "a-2", "smoke-b", "smoke", "fire.smoke", Location.unit("site-a", "303"))),
                in(raised("gw-1", 3, "a-3", "gas-a", "gas", "gas.leak", Location.unit("site-a", "302")))));
        // THEN
        assertThat(store.cases(CaseQuery.all()).total()).isEqualTo(3);
    }

    /** Verifies that a clear marks the alarm cleared and adds a timeline entry but keeps the case open. */
    @Test
    void clearedAddsTimelineAndKeepsCaseOpen() {
        // GIVEN
        store.apply(List.of(in(hydrantLow("gw-1", 1, "a-1"))));
        // WHEN
        store.apply(List.of(in(alarm("gw-1", "boot-1", 2, "a-1", "hydrant-1", "low-pressure", Body.Transition.CLEARED,
                "MAJOR", "fire.hydrant-pressure-low", Location.unit("site-a", "B1")))));
        // THEN
        CaseSummary s = store.cases(CaseQuery.all()).items().get(0);
        assertThat(s.stage()).isEqualTo(CaseStage.OPEN);
        CaseDetail d = store.caseDetail(s.id(), Scope.ALL).orElseThrow();
        assertThat(d.alarms().get(0).clearedAt()).isEqualTo(clock.instant());
        assertThat(d.timeline()).filteredOn(t -> !HubStoreContract.BOOKKEEPING.contains(t.action())).extracting(CaseDetail.TimelineEntry::action).containsExactly("case opened", "alarm cleared");
    }

    /**
     * Verifies that a raise arriving after its own clear (the raise was retried after 0x97) still opens a case,
     * with the alarm linked, cleared, and a timeline note that it was already cleared.
     */
    @Test
    void raiseAfterItsClearOpensCase() {
        // GIVEN the clear of alarm a-1 is stored first
        store.apply(List.of(in(alarm("gw-1", "boot-1", 2, "a-1", "hydrant-1", "low-pressure", Body.Transition.CLEARED,
                "MAJOR", "fire.hydrant-pressure-low", Location.unit("site-a", "B1")))));
        assertThat(store.stats().cases()).isZero();
        // WHEN its raise arrives
        List<IngestResult> r = store.apply(List.of(in(hydrantLow("gw-1", 1, "a-1"))));
        // THEN one case holds the alarm, which stays cleared
        assertThat(r).containsExactly(IngestResult.STORED);
        assertThat(store.stats().alarms()).isEqualTo(1);
        CasePage page = store.cases(CaseQuery.all());
        assertThat(page.total()).isEqualTo(1);
        CaseDetail d = store.caseDetail(page.items().get(0).id(), Scope.ALL).orElseThrow();
        assertThat(d.alarms()).singleElement().satisfies(a -> {
            assertThat(a.alarmId()).isEqualTo("a-1");
            assertThat(a.clearedAt()).isNotNull();
        });
        assertThat(d.timeline()).filteredOn(t -> !HubStoreContract.BOOKKEEPING.contains(t.action())).extracting(CaseDetail.TimelineEntry::action).containsExactly("case opened", "alarm cleared");
        assertThat(d.timeline().stream().filter(t -> t.action().equals("alarm cleared")).findFirst().orElseThrow().detail())
                .contains("already cleared");
        // WHEN the raise is re-sent under yet another seq
        store.apply(List.of(in(hydrantLow("gw-1", 3, "a-1"))));
        // THEN nothing changes
        assertThat(store.caseDetail(page.items().get(0).id(), Scope.ALL).orElseThrow().timeline()).filteredOn(t -> !BOOKKEEPING.contains(t.action())).hasSize(2);
        assertThat(store.stats().cases()).isEqualTo(1);
    }

    /** Verifies that raise-then-clear and clear-then-raise end in the same alarm and case state. */
    @Test
    void alarmOrderDoesNotMatter() {
        // GIVEN the same alarm story at two places, one delivered in order, one with the clear first
        Location inOrder = Location.unit("site-x", "1");
        Location reversed = Location.unit("site-y", "1");
        // WHEN
        store.apply(List.of(in(raised("gw-1", 1, "x-1", "smoke-x", "smoke", "fire.smoke", inOrder)),
                in(alarm("gw-1", "boot-1", 2, "x-1", "smoke-x", "smoke", Body.Transition.CLEARED, "MAJOR", "fire.smoke", inOrder))));
        store.apply(List.of(
                in(alarm("gw-2", "boot-1", 2, "y-1", "smoke-y", "smoke", Body.Transition.CLEARED, "MAJOR", "fire.smoke", reversed)),
                in(raised("gw-2", 1, "y-1", "smoke-y", "smoke", "fire.smoke", reversed))));
        // THEN both places have one open case holding one cleared alarm, with the same timeline actions
        CaseDetail x = store.caseDetail(store.cases(new CaseQuery(Scope.ALL, null, "site-x", null, null, null, 10, 0)).items().get(0).id(), Scope.ALL).orElseThrow();
        CaseDetail y = store.caseDetail(store.cases(new CaseQuery(Scope.ALL, null, "site-y", null, null, null, 10, 0)).items().get(0).id(), Scope.ALL).orElseThrow();
        for (CaseDetail d : List.of(x, y)) {
            assertThat(d.summary().stage()).isEqualTo(CaseStage.OPEN);
            assertThat(d.summary().severity()).isEqualTo("MAJOR");
            assertThat(d.alarms()).singleElement().satisfies(a -> assertThat(a.clearedAt()).isNotNull());
        }
        assertThat(y.timeline()).filteredOn(t -> !HubStoreContract.BOOKKEEPING.contains(t.action())).extracting(CaseDetail.TimelineEntry::action)
                .containsExactlyElementsOf(x.timeline().stream().map(CaseDetail.TimelineEntry::action)
                        .filter(a -> !BOOKKEEPING.contains(a)).toList());
        assertThat(store.stats().cases()).isEqualTo(2);
    }

    /** Verifies the case list filters, newest-first order and paging. */
    @Test
    void caseListFiltersAndPages() {
        // GIVEN three cases opened one minute apart
        for (int i = 1; i <= 3; i++) {
            store.apply(List.of(in(raised("gw-1", i, "a-" + i, "d-" + i, "r", "fire.smoke", Location.unit("site-" + i, "1")))));
            clock.advance(Duration.ofMinutes(1));
        }
        // WHEN / THEN
        assertThat(store.cases(CaseQuery.all()).items()).extracting(CaseSummary::site)
                .containsExactly("site-3", "site-2", "site-1");
        CasePage page = store.cases(new CaseQuery(Scope.ALL, null, null, null, null, null, 1, 1));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(CaseSummary::site).containsExactly("site-2");
        assertThat(store.cases(new CaseQuery(Scope.ALL, CaseStage.OPEN, "site-1", "1", "fire.smoke", null, 10, 0)).total()).isEqualTo(1);
        assertThat(store.cases(new CaseQuery(Scope.ALL, CaseStage.CLOSED, null, null, null, null, 10, 0)).total()).isZero();
        assertThat(store.cases(new CaseQuery(Scope.ALL, null, null, null, "gas.leak", null, 10, 0)).total()).isZero();
    }

    /** Verifies that birth declares devices and sets online, health marks devices, a disconnect sets offline. */
    @Test
    void birthHealthAndDisconnectDriveGatewayState() {
        // WHEN
        store.apply(List.of(in(birth("gw-1", "boot-1")), in(health("gw-1", 1))));
        // THEN
        GatewayView gw = store.gateways(Scope.ALL).stream().filter(g -> g.id().equals("gw-1")).findFirst().orElseThrow();
        assertThat(gw.online()).isTrue();
        assertThat(gw.bootId()).isEqualTo("boot-1");
        assertThat(gw.software()).isEqualTo("gateway 0.1.0");
        assertThat(gw.lastSeen()).isEqualTo(clock.instant());
        assertThat(gw.devices()).extracting(GatewayView.DeviceView::id).containsExactly("hydrant-1", "smoke-302");
        assertThat(gw.devices().get(0).online()).isTrue();
        assertThat(gw.devices().get(1).online()).isNull();
        // WHEN
        clock.advance(Duration.ofSeconds(30));
        store.apply(List.of(new StoreOp.Disconnected("gw-1", "connection lost")));
        // THEN
        gw = store.gateways(Scope.ALL).stream().filter(g -> g.id().equals("gw-1")).findFirst().orElseThrow();
        assertThat(gw.online()).isFalse();
        assertThat(gw.lastSeen()).isEqualTo(clock.instant());
    }

    /** Verifies that a death from an older boot does not take the newer session offline. */
    @Test
    void staleDeathIsIgnored() {
        // GIVEN
        store.apply(List.of(in(birth("gw-1", "boot-2"))));
        // WHEN
        store.apply(List.of(in(death("gw-1", "boot-1"))));
        // THEN
        assertThat(store.stats().gatewaysOnline()).isEqualTo(1);
        // WHEN the current boot dies
        store.apply(List.of(in(death("gw-1", "boot-2"))));
        assertThat(store.stats().gatewaysOnline()).isZero();
    }

    /**
     * GIVEN a gateway whose devices reported readings WHEN it reconnects (a new birth naming the smoke detector
     * again, the hydrant no more) THEN the smoke detector keeps its last values, the hydrant is forgotten: a
     * reconnect does not blank what the hub knows, which re-sent readings (duplicates) could not bring back.
     */
    @Test
    void aRebirthKeepsWhatTheHubKnowsOfTheDevicesItNamesAgain() {
        store.apply(List.of(in(birth("gw-1", "boot-1")), in(telemetry("gw-1", 1))));
        assertThat(store.devices(Scope.ALL)).extracting(GatewayView.DeviceView::lastValuesJson).allMatch(v -> v != null);

        store.apply(List.of(in(io.onegrid.protocol.Envelope.of("gw-1", "boot-2", 0, TS, new Body.Birth("gateway 0.1.0", TS,
                List.of(new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("site-a", "302"))))))));

        List<GatewayView.DeviceView> after = store.devices(Scope.ALL);
        assertThat(after).extracting(GatewayView.DeviceView::id).containsExactly("smoke-302");
        assertThat(after.get(0).lastValuesJson()).contains("smoke");
    }

    /** Verifies that telemetry readings and events are stored. */
    @Test
    void telemetryAndEventsStored() {
        // WHEN
        store.apply(List.of(in(telemetry("gw-1", 1)), in(event("gw-1", 2))));
        // THEN
        assertThat(store.stats().telemetry()).isEqualTo(2);
        assertThat(store.stats().events()).isEqualTo(1);
    }

    /**
     * GIVEN readings of two channels at gateway times t-60 s, t and t+60 s WHEN one channel is read over [t-60 s, t+60 s)
     * THEN that channel's readings in the window come back oldest first, in the gateway's clock, with their values
     * as numbers or booleans, the bound at the end excluded, and the limit honoured.
     */
    @Test
    void readingsOfOneChannelInAWindowOfGatewayTime() {
        long t = TS.wallMs();
        List<io.onegrid.protocol.WireReading> rs = new java.util.ArrayList<>();
        for (long dt : new long[] {60_000, -60_000, 0}) {
            io.onegrid.protocol.Timestamp at = new io.onegrid.protocol.Timestamp(t + dt, TS.monoMs() + 60_000 + dt);
            rs.add(new io.onegrid.protocol.WireReading("hydrant-1", "pressure", 0.30 + dt / 1e6, "MPa",
                    io.onegrid.protocol.WireReading.Quality.GOOD, at));
            rs.add(new io.onegrid.protocol.WireReading("smoke-302", "smoke", dt == 0, null,
                    io.onegrid.protocol.WireReading.Quality.GOOD, at));
        }
        store.apply(List.of(in(io.onegrid.protocol.Envelope.of("gw-1", "boot-1", 1, TS, new Body.Telemetry(rs)))));

        List<TelemetryStore.StoredReading> pressure = store.readings("gw-1", "hydrant-1", "pressure", t - 60_000, t + 60_000, 100);
        assertThat(pressure).extracting(TelemetryStore.StoredReading::wallMs).containsExactly(t - 60_000, t);
        assertThat(pressure).extracting(TelemetryStore.StoredReading::value).containsExactly(0.24, 0.30);
        assertThat(pressure.get(0).unit()).isEqualTo("MPa");
        assertThat(store.readings("gw-1", "smoke-302", "smoke", t - 60_000, t + 60_001, 100))
                .extracting(TelemetryStore.StoredReading::value).containsExactly(false, true, false);
        assertThat(store.readings("gw-1", "hydrant-1", "pressure", t - 60_000, t + 60_001, 1)).hasSize(1);
        assertThat(store.readings("gw-2", "hydrant-1", "pressure", t - 60_000, t + 60_001, 100)).isEmpty();
    }

    /**
     * Verifies that an op failing in a way that would repeat (a constraint it breaks) is rolled back alone as
     * UNPROCESSABLE (final for the gateway) while the rest of the batch commits.
     */
    @Test
    void failingOpRollsBackAlone() {
        // GIVEN a birth from an unregistered gateway declares devices that reference no gateway row (FK fails)
        List<IngestResult> r = store.apply(List.of(in(hydrantLow("gw-1", 1, "a-1")), in(birth("gw-unknown", "b")),
                in(telemetry("gw-1", 2))));
        // THEN
        assertThat(r.get(0)).isEqualTo(IngestResult.STORED);
        assertThat(r.get(1).status()).isEqualTo(IngestResult.Status.UNPROCESSABLE);
        assertThat(r.get(1).acknowledged()).isFalse();
        assertThat(r.get(2)).isEqualTo(IngestResult.STORED);
        assertThat(store.stats().alarms()).isEqualTo(1);
        assertThat(store.stats().telemetry()).isEqualTo(2);
    }

    /** Verifies that pruning deletes only rows received before the cut-off, at most the given number at a time. */
    @Test
    void pruneDeletesOldRowsInBoundedBatches() {
        // GIVEN three telemetry messages (two readings each) received an hour apart
        for (int i = 1; i <= 3; i++) {
            store.apply(List.of(in(telemetry("gw-1", i))));
            clock.advance(Duration.ofHours(1));
        }
        Instant cut = clock.instant().minus(Duration.ofMinutes(90)); // after the first two, before the third
        // WHEN / THEN at most 3 rows go per call, and nothing received after the cut-off
        assertThat(store.pruneTelemetry(cut, 3)).isEqualTo(3);
        assertThat(store.pruneTelemetry(cut, 3)).isEqualTo(1);
        assertThat(store.pruneTelemetry(cut, 3)).isZero();
        assertThat(store.stats().telemetry()).isEqualTo(2);
        assertThat(store.pruneDedupKeys(cut, 1)).isEqualTo(1);
        assertThat(store.pruneDedupKeys(cut, 10)).isEqualTo(1);
        assertThat(store.stats().messages()).isEqualTo(1);
    }

    /** Verifies that the live stream's log is pruned by append time, in bounded batches, keeping later events. */
    @Test
    void pruneStreamDeletesOnlyOldEvents() {
        // GIVEN events from a case opened two hours ago, and from an alarm joining it now
        store.apply(List.of(in(io.onegrid.hub.Envelopes.hydrantLow("gw-1", 1, "a-1"))));
        long old = store.lastEventId();
        clock.advance(Duration.ofHours(2));
        store.apply(List.of(in(io.onegrid.hub.Envelopes.hydrantLow("gw-1", 2, "a-2"))));
        long all = store.eventsAfter(0, Scope.ALL, 1000).size();
        assertThat(old).isPositive();
        assertThat(all).isGreaterThan(old);
        // WHEN the events older than an hour are pruned, one at a time
        Instant cut = clock.instant().minus(Duration.ofHours(1));
        int pruned = 0;
        for (int n = store.pruneStream(cut, 1); n > 0; n = store.pruneStream(cut, 1)) pruned += n;
        // THEN exactly the old ones are gone and a resuming client gets the rest
        assertThat(pruned).isEqualTo((int) old);
        List<HubEvent> left = store.eventsAfter(0, Scope.ALL, 1000);
        assertThat(left).hasSize((int) (all - old)).allMatch(e -> e.id() > old && e.at() >= cut.toEpochMilli());
    }

    /**
     * GIVEN a stream whose every event is old WHEN it is pruned THEN the newest event stays, and the next event gets a
     * higher id: ids never come back (SQLite would otherwise reuse the deleted highest id), which the webhook cursor
     * and Last-Event-ID rely on.
     */
    @Test
    void pruneStreamKeepsTheNewestEventSoIdsOnlyGrow() {
        store.apply(List.of(in(io.onegrid.hub.Envelopes.hydrantLow("gw-1", 1, "a-1"))));
        long newest = store.lastEventId();
        clock.advance(Duration.ofDays(30));

        while (store.pruneStream(clock.instant(), 100) > 0) { /* until nothing is due */ }
        store.apply(List.of(in(io.onegrid.hub.Envelopes.hydrantLow("gw-1", 2, "a-2"))));

        assertThat(store.eventsAfter(0, Scope.ALL, 1000)).first().extracting(HubEvent::id).isEqualTo(newest);
        assertThat(store.lastEventId()).isGreaterThan(newest);
    }
}
