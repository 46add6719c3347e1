package io.onegrid.hub.store;

import static io.onegrid.hub.Envelopes.alarm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.cases.CaseAction;
import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The case loop on the demo grid, the same for every store: filing in the right grid node, the whole loop with
 * its timeline, refusals (409), confirmation by a second detector, SLA escalation on an injected clock, scope,
 * welfare checks, unplaced alarms and concurrent correlation.
 */
public abstract class CaseLoopContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    protected HubStore store;
    private final AtomicLong seq = new AtomicLong();
    private final Grid grid = GridFile.demo();
    private final Scope all = Scope.ALL;
    private final Scope beishan = new Scope(grid.path("xh-bs").orElseThrow());
    private final Scope lingyin = new Scope(grid.path("xh-ly").orElseThrow());

    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        store.putGatewaySecret("gw-1", "h");
        store.replaceGrid(grid, GridFile.export(grid), "test");
        for (String u : List.of("op-sg", "op-bs", "op-ly", "op-sw-li", "op-sg-g1")) {
            store.createUser(new UserRecord(u, "h", u.startsWith("op-s") && !u.equals("op-sg") && !u.equals("op-bs")
                    ? Role.RESPONDER : Role.OPERATOR, u.equals("op-ly") ? "xh-ly" : "xh-bs", null));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Envelope smoke(String alarmId, String device, String unit) {
        return alarm("gw-1", "boot-1", seq.incrementAndGet(), alarmId, device, "smoke", Body.Transition.RAISED, "MAJOR",
                "fire.smoke", new Location("bldg-7", unit, null, null));
    }

    private long only() {
        CasePage p = store.cases(CaseQuery.all());
        assertThat(p.total()).isEqualTo(1);
        return p.items().get(0).id();
    }

    private CaseDetail act(long id, CaseAction a, String user, Role role, Scope scope, Integer version, String note,
                           Boolean passed, String reason, String outcome) {
        return store.act(new CaseCommand(id, a, user, role, scope, version, note, null, null, passed, reason, outcome));
    }

    private CaseDetail op(long id, CaseAction a) {
        return act(id, a, "op-bs", Role.OPERATOR, beishan, null, null, true, null, null);
    }

    /** Verifies that a smoke alarm in flat 302 opens a case at bldg-7/302 owned by its community, taken through the loop. */
    @Test
    void smokeCaseThroughTheWholeLoop() {
        // GIVEN
        store.apply(List.of(new StoreOp.Ingest(smoke("a-1", "smoke-302", "302"))));
        long id = only();
        CaseSummary s = store.caseDetail(id, all).orElseThrow().summary();
        assertThat(s.gridNode()).isEqualTo("bldg-7/302");
        assertThat(s.ownerTier()).isEqualTo("xh-bs-sg");
        assertThat(s.scopePath()).isEqualTo(grid.path("bldg-7/302").orElseThrow());
        assertThat(s.dispatchDue()).isAfter(s.openedAt());
        // WHEN dispatched, accepted, started, resolved, verified and closed
        op(id, CaseAction.DISPATCH);
        for (CaseAction a : List.of(CaseAction.ACCEPT, CaseAction.START, CaseAction.RESOLVE)) {
            clock.advance(Duration.ofMinutes(1));
            act(id, a, "op-sg-g1", Role.RESPONDER, beishan, null, "on site", null, null, null);
        }
        op(id, CaseAction.VERIFY);
        CaseDetail d = op(id, CaseAction.CLOSE);
        // THEN closed, with every step in the timeline and the community's team notified on filing and dispatch
        assertThat(d.summary().stage()).isEqualTo(CaseStage.CLOSED);
        assertThat(d.summary().closedAt()).isEqualTo(clock.instant());
        assertThat(d.timeline()).extracting(CaseDetail.TimelineEntry::action).containsSubsequence("case opened",
                "dispatch", "accept", "start", "resolve", "verify", "close");
        assertThat(d.notifications()).extracting(CaseDetail.NotificationView::responderId).contains("duty-sg", "gw-zhang");
        Kpis k = store.kpis(beishan, clock.instant().minus(Duration.ofDays(1)), clock.instant().plusSeconds(1), clock.instant());
        assertThat(k.closed()).isEqualTo(1);
        assertThat(k.closureRate()).isEqualTo(1.0);
        assertThat(k.onTimeClosureRate()).isEqualTo(1.0);
        assertThat(k.toResolve().p50()).isEqualTo(180.0);
        // WHEN the detector raises again after the case closed THEN a new case opens
        store.apply(List.of(new StoreOp.Ingest(smoke("a-2", "smoke-302", "302"))));
        assertThat(store.cases(CaseQuery.all()).total()).isEqualTo(2);
    }

    /** Verifies that every action the stage does not allow is refused with its stage and the allowed actions. */
    @Test
    void refusedTransitionsAndStaleVersions() {
        store.apply(List.of(new StoreOp.Ingest(smoke("a-1", "smoke-302", "302"))));
        long id = only();
        for (CaseAction a : List.of(CaseAction.ACCEPT, CaseAction.START, CaseAction.RESOLVE, CaseAction.VERIFY,
                CaseAction.CLOSE, CaseAction.RETURN)) {
            assertThatThrownBy(() -> op(id, a)).isInstanceOfSatisfying(HubException.class, e -> {
                assertThat(e.error()).isEqualTo(HubError.STAGE_CONFLICT);
                assertThat(e.details()).containsEntry("stage", "OPEN");
                @SuppressWarnings("unchecked") List<String> allowed = (List<String>) e.details().get("allowedActions");
                assertThat(allowed).contains("dispatch").doesNotContain(a.wireName());
            });
        }
        int v = store.caseDetail(id, all).orElseThrow().summary().version();
        act(id, CaseAction.DISPATCH, "op-bs", Role.OPERATOR, beishan, v, null, null, null, null);
        assertThatThrownBy(() -> act(id, CaseAction.RETURN, "op-sg", Role.OPERATOR, beishan, v, null, null, null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error()).isEqualTo(HubError.VERSION_CONFLICT));
        assertThatThrownBy(() -> act(id, CaseAction.FALSE_ALARM, "op-bs", Role.OPERATOR, beishan, null, null, null, null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error()).isEqualTo(HubError.BAD_REQUEST));
        assertThatThrownBy(() -> act(id, CaseAction.CLOSE, "op-sg-g1", Role.RESPONDER, beishan, null, null, null, null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error()).isEqualTo(HubError.FORBIDDEN));
        // nothing of the refused actions reached the timeline
        assertThat(store.caseDetail(id, all).orElseThrow().timeline()).extracting(CaseDetail.TimelineEntry::action)
                .doesNotContain("return", "accept", "close", "false-alarm");
    }

    /** Verifies that two detectors in one flat make one confirmed case, one severity step up. */
    @Test
    void secondDetectorConfirms() {
        store.apply(List.of(new StoreOp.Ingest(smoke("a-1", "smoke-302", "302"))));
        clock.advance(Duration.ofMinutes(2));
        store.apply(List.of(new StoreOp.Ingest(smoke("b-1", "smoke-302-kitchen", "302"))));
        CaseSummary s = store.caseDetail(only(), all).orElseThrow().summary();
        assertThat(s.confirmed()).isTrue();
        assertThat(s.sourceCount()).isEqualTo(2);
        assertThat(s.severity()).isEqualTo("CRITICAL");
        assertThat(store.caseDetail(s.id(), all).orElseThrow().timeline()).extracting(CaseDetail.TimelineEntry::action)
                .contains("alarm joined", "confirmed", "severity raised");
    }

    /** Verifies that a missed dispatch deadline escalates community → street → district, on the injected clock. */
    @Test
    void slaBreachEscalatesTierByTier() {
        store.apply(List.of(new StoreOp.Ingest(smoke("a-1", "smoke-302", "302"))));
        long id = only();
        Instant due = store.caseDetail(id, all).orElseThrow().summary().dispatchDue();
        clock.advance(Duration.between(clock.instant(), due.minusMillis(1)));
        assertThat(store.sweepSla(clock.instant())).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.sweepSla(clock.instant())).isEqualTo(1);
        CaseDetail d = store.caseDetail(id, all).orElseThrow();
        assertThat(d.summary().ownerTier()).isEqualTo("xh-bs");
        assertThat(d.timeline()).extracting(CaseDetail.TimelineEntry::action).contains("sla breached", "escalate");
        assertThat(d.notifications()).extracting(CaseDetail.NotificationView::responderId).contains("duty-bs");
        clock.advance(Duration.between(clock.instant(), d.summary().dispatchDue()));
        store.sweepSla(clock.instant());
        assertThat(store.caseDetail(id, all).orElseThrow().summary().ownerTier()).isEqualTo("xh");
        assertThat(store.caseDetail(id, all).orElseThrow().summary().escalationLevel()).isEqualTo(2);
    }

    /** Verifies that an operator of another street sees none of this street's cases, devices, KPIs or events. */
    @Test
    void anotherStreetSeesNothing() {
        store.apply(List.of(new StoreOp.Ingest(io.onegrid.hub.Envelopes.birth("gw-1", "boot-1")),
                new StoreOp.Ingest(smoke("a-1", "smoke-302", "302"))));
        long id = only();
        assertThat(store.cases(new CaseQuery(lingyin, null, null, null, null, null, 50, 0)).total()).isZero();
        assertThat(store.caseDetail(id, lingyin)).isEmpty();
        assertThatThrownBy(() -> act(id, CaseAction.DISPATCH, "op-ly", Role.OPERATOR, lingyin, null, null, null, null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error()).isEqualTo(HubError.NOT_FOUND));
        assertThat(store.kpis(lingyin, Instant.EPOCH, clock.instant().plusSeconds(1), clock.instant()).filed()).isZero();
        assertThat(store.eventsAfter(0, lingyin, 100)).isEmpty();
        assertThat(store.eventsAfter(0, beishan, 100)).extracting(HubEvent::kind).contains("case");
        assertThat(store.cases(new CaseQuery(beishan, null, null, null, null, null, 50, 0)).total()).isEqualTo(1);
    }

    /** Verifies that an inactivity alarm opens a welfare case for the resident's social worker, resolved with an outcome. */
    @Test
    void welfareCaseForTheSocialWorker() {
        store.apply(List.of(new StoreOp.Ingest(alarm("gw-1", "boot-1", seq.incrementAndGet(), "w-1", "door-302",
                "no-activity", Body.Transition.RAISED, "MAJOR", "welfare.inactivity",
                new Location("bldg-7", "302", null, "res-302")))));
        long id = only();
        CaseDetail d = store.caseDetail(id, all).orElseThrow();
        assertThat(d.summary().residentId()).isEqualTo("res-302");
        assertThat(d.notifications()).extracting(CaseDetail.NotificationView::responderId).containsExactly("sw-li");
        op(id, CaseAction.DISPATCH);
        act(id, CaseAction.ACCEPT, "op-sw-li", Role.RESPONDER, beishan, null, null, null, null, null);
        act(id, CaseAction.START, "op-sw-li", Role.RESPONDER, beishan, null, null, null, null, null);
        assertThatThrownBy(() -> act(id, CaseAction.RESOLVE, "op-sw-li", Role.RESPONDER, beishan, null, null, null, null, null))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.getMessage()).contains("outcome"));
        d = act(id, CaseAction.RESOLVE, "op-sw-li", Role.RESPONDER, beishan, null, "called, she is fine", null, null,
                "resident-ok");
        assertThat(d.summary().outcome()).isEqualTo("resident-ok");
    }

    /**
     * Verifies that a notified responder lists and acknowledges their own notification once (twice changes
     * nothing), cannot acknowledge someone else's or one outside their scope, and that accepting the case
     * acknowledges their remaining notifications of it.
     */
    @Test
    void notificationsAreAcknowledgedByThePersonNotified() {
        // GIVEN a welfare case: its social worker sw-li (hub user op-sw-li) is notified
        store.apply(List.of(new StoreOp.Ingest(alarm("gw-1", "boot-1", seq.incrementAndGet(), "w-1", "door-302",
                "no-activity", Body.Transition.RAISED, "MAJOR", "welfare.inactivity",
                new Location("bldg-7", "302", null, "res-302")))));
        long id = only();
        List<NotificationRecord> mine = store.notifications(beishan, java.util.Set.of("sw-li"), NotificationRecord.PENDING, 50);
        assertThat(mine).singleElement().satisfies(n -> {
            assertThat(n.caseId()).isEqualTo(id);
            assertThat(n.caseType()).isEqualTo("welfare.inactivity");
            assertThat(n.state()).isEqualTo(NotificationRecord.PENDING);
        });
        long nid = mine.get(0).id();
        // WHEN someone else, or someone out of scope, tries to acknowledge it THEN it is not theirs (404)
        for (Runnable wrong : List.<Runnable>of(
                () -> store.acknowledge(nid, "op-sg-g1", java.util.Set.of("gw-zhang"), beishan),
                () -> store.acknowledge(nid, "op-ly", java.util.Set.of("sw-li"), lingyin),
                () -> store.acknowledge(9_999, "op-sw-li", java.util.Set.of("sw-li"), beishan))) {
            assertThatThrownBy(wrong::run).isInstanceOfSatisfying(HubException.class,
                    e -> assertThat(e.error()).isEqualTo(HubError.NOT_FOUND));
        }
        // WHEN the social worker acknowledges, twice
        clock.advance(Duration.ofMinutes(3));
        NotificationRecord acked = store.acknowledge(nid, "op-sw-li", java.util.Set.of("sw-li"), beishan);
        clock.advance(Duration.ofMinutes(1));
        NotificationRecord again = store.acknowledge(nid, "op-sw-li", java.util.Set.of("sw-li"), beishan);
        // THEN it is acknowledged at the first time, once in the timeline, and no longer pending
        assertThat(acked.state()).isEqualTo(NotificationRecord.ACKED);
        assertThat(again).isEqualTo(acked);
        assertThat(acked.ackedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(store.caseDetail(id, all).orElseThrow().timeline()).extracting(CaseDetail.TimelineEntry::action)
                .containsOnlyOnce("acknowledged");
        assertThat(store.notifications(beishan, java.util.Set.of("sw-li"), NotificationRecord.PENDING, 50)).isEmpty();
        assertThat(store.eventsAfter(0, beishan, 100)).filteredOn(e -> e.kind().equals("notification"))
                .anyMatch(e -> e.payloadJson().contains("ACKED"));

        // GIVEN a smoke case dispatched to the community's team WHEN the grid worker accepts it
        store.apply(List.of(new StoreOp.Ingest(smoke("a-1", "smoke-302", "302"))));
        long fire = store.cases(new CaseQuery(all, null, null, null, "fire.smoke", null, 50, 0)).items().get(0).id();
        op(fire, CaseAction.DISPATCH);
        assertThat(store.notifications(beishan, java.util.Set.of("gw-zhang"), NotificationRecord.PENDING, 50))
                .anyMatch(n -> n.caseId() == fire);
        act(fire, CaseAction.ACCEPT, "op-sg-g1", Role.RESPONDER, beishan, null, null, null, null, null);
        // THEN none of the grid worker's notifications of that case is pending any more; others' still are
        assertThat(store.notifications(beishan, java.util.Set.of("gw-zhang"), NotificationRecord.PENDING, 50))
                .noneMatch(n -> n.caseId() == fire);
        assertThat(store.notifications(beishan, null, NotificationRecord.PENDING, 50)).anyMatch(n -> n.caseId() == fire);
    }

    /** Verifies that an alarm from a site the grid does not know lands in the district's unplaced queue. */
    @Test
    void unknownPlaceIsUnplacedNotDropped() {
        store.apply(List.of(new StoreOp.Ingest(alarm("gw-1", "boot-1", seq.incrementAndGet(), "u-1", "smoke-x", "smoke",
                Body.Transition.RAISED, "MAJOR", "fire.smoke", Location.unit("bldg-unknown", "1")))));
        CaseSummary s = store.caseDetail(only(), all).orElseThrow().summary();
        assertThat(s.unplaced()).isTrue();
        assertThat(s.ownerTier()).isEqualTo("xh");
        assertThat(store.cases(new CaseQuery(new Scope("/xh/"), null, null, null, null, true, 50, 0)).total()).isEqualTo(1);
        assertThat(store.cases(new CaseQuery(beishan, null, null, null, null, null, 50, 0)).total()).isZero();
    }

    /** Verifies that concurrent raises from eight detectors of one flat, in parallel transactions, make exactly one case. */
    @Test
    void concurrentWritersCorrelateIntoOneCase() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<IngestResult>>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Envelope e = smoke("c-" + i, "smoke-" + i, "302");
            done.add(pool.submit(() -> {
                start.await();
                return store.apply(List.of(new StoreOp.Ingest(e)));
            }));
        }
        start.countDown();
        for (Future<List<IngestResult>> f : done) assertThat(f.get(30, TimeUnit.SECONDS)).containsExactly(IngestResult.STORED);
        pool.shutdown();
        CaseSummary s = store.caseDetail(only(), all).orElseThrow().summary();
        assertThat(s.alarmCount()).isEqualTo(n);
        assertThat(s.sourceCount()).isEqualTo(n);
        assertThat(s.confirmed()).isTrue();
    }
}
