package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ClaimStore} and {@link WalkTestStore} must have, on the demo grid: claims scoped by their
 * site, spent once, revoked only while open; a provisioned gateway placed at its site; walk tests that extend rather
 * than duplicate and end by the clock; alarms during one recorded without a case; commissioning marking devices.
 * Runs on SQLite and on PostgreSQL.
 */
public abstract class ClaimStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    protected HubStore store;
    private final Grid grid = GridFile.demo();
    private String bldg7;
    private String mjw18;

    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        store.replaceGrid(grid, GridFile.export(grid), "test");
        bldg7 = grid.path("bldg-7").orElseThrow();
        mjw18 = grid.path("mjw-18").orElseThrow();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ClaimStore.Claim claim(String hash, String site, String path) {
        return store.createClaim(hash, site, path, "inst-bs", clock.instant().plus(Duration.ofHours(24)));
    }

    private static StoreOp in(Envelope e) {
        return new StoreOp.Ingest(e);
    }

    /** Verifies that a new claim is open, found by its hash, listed only in scopes holding its site, and audited. */
    @Test
    void claimsAreScopedBySite() {
        ClaimStore.Claim a = claim("hash-a", "bldg-7", bldg7);
        claim("hash-b", "mjw-18", mjw18);

        assertThat(a.state(clock.instant())).isEqualTo("open");
        assertThat(store.claimByCodeHash("hash-a")).get().extracting(ClaimStore.Claim::id).isEqualTo(a.id());
        assertThat(store.claimByCodeHash("hash-x")).isEmpty();
        Scope beishan = new Scope(grid.path("xh-bs").orElseThrow());
        assertThat(store.claims(beishan, 10)).extracting(ClaimStore.Claim::site).containsExactly("bldg-7");
        assertThat(store.claims(Scope.ALL, 10)).extracting(ClaimStore.Claim::site).containsExactly("mjw-18", "bldg-7");
        assertThat(store.claim(a.id(), new Scope(grid.path("xh-ly").orElseThrow()))).isEmpty();
        assertThat(store.auditLog(Instant.EPOCH, 10)).extracting(AuditEntry::action).contains("create claim");
        clock.advance(Duration.ofHours(25));
        assertThat(store.claim(a.id(), Scope.ALL).orElseThrow().state(clock.instant())).isEqualTo("expired");
    }

    /**
     * Verifies that completing a claim creates the gateway placed at the site, spends the claim once (a second
     * completion is CLAIM_GONE) and that a known id with another stored hash is GATEWAY_TAKEN, leaving the claim open.
     */
    @Test
    void completingSpendsTheClaimOnce() {
        ClaimStore.Claim a = claim("hash-a", "bldg-7", bldg7);
        assertThat(store.completeClaim(a.id(), "gw-new", "secret-hash", null)).isEqualTo(ClaimStore.ClaimOutcome.DONE);

        assertThat(store.gatewaySecretHash("gw-new")).contains("secret-hash");
        GatewayView g = store.gateway("gw-new", new Scope(bldg7)).orElseThrow();
        assertThat(g.site()).isEqualTo("bldg-7");
        assertThat(g.scopePath()).isEqualTo(bldg7);
        ClaimStore.Claim used = store.claim(a.id(), Scope.ALL).orElseThrow();
        assertThat(used.state(clock.instant())).isEqualTo("used");
        assertThat(used.gatewayId()).isEqualTo("gw-new");
        assertThat(store.completeClaim(a.id(), "gw-other", "h2", null)).isEqualTo(ClaimStore.ClaimOutcome.CLAIM_GONE);
        assertThat(store.gatewaySecretHash("gw-other")).isEmpty();

        ClaimStore.Claim b = claim("hash-b", "mjw-18", mjw18);
        assertThat(store.completeClaim(b.id(), "gw-new", "h3", null)).isEqualTo(ClaimStore.ClaimOutcome.GATEWAY_TAKEN);
        assertThat(store.completeClaim(b.id(), "gw-new", null, "not-its-hash")).isEqualTo(ClaimStore.ClaimOutcome.GATEWAY_TAKEN);
        assertThat(store.claim(b.id(), Scope.ALL).orElseThrow().state(clock.instant())).isEqualTo("open");
        assertThat(store.gatewaySecretHash("gw-new")).contains("secret-hash");
    }

    /**
     * Verifies that a claim completed with a certificate records it as the gateway's one in force, that a later claim
     * replaces it (and the password with {@code none}), and that revoking the credential clears both, audited.
     */
    @Test
    void certificateInForceIsReplacedAndRevoked() {
        GatewayCertificate first = new GatewayCertificate("1a2b", "f".repeat(64), "k".repeat(64), "-----PEM 1-----",
                Instant.parse("2028-12-01T08:00:00Z"));
        GatewayCertificate second = new GatewayCertificate("3c4d", "e".repeat(64), "k".repeat(64), "-----PEM 2-----",
                Instant.parse("2028-12-02T08:00:00Z"));
        ClaimStore.Claim a = claim("hash-a", "bldg-7", bldg7);
        assertThat(store.completeClaim(a.id(), "gw-cert", RegistryStore.NO_PASSWORD, null, first))
                .isEqualTo(ClaimStore.ClaimOutcome.DONE);
        assertThat(store.gatewayCertificate("gw-cert")).contains(first);
        assertThat(store.gatewaySecretHash("gw-cert")).contains(RegistryStore.NO_PASSWORD);

        store.putGatewaySecret("gw-pw", "pw-hash");
        ClaimStore.Claim b = claim("hash-b", "bldg-7", bldg7);
        assertThat(store.completeClaim(b.id(), "gw-pw", RegistryStore.NO_PASSWORD, new ClaimStore.Credential("pw-hash", null), second))
                .isEqualTo(ClaimStore.ClaimOutcome.DONE);
        assertThat(store.gatewaySecretHash("gw-pw")).contains(RegistryStore.NO_PASSWORD);
        assertThat(store.gatewayCertificate("gw-pw")).contains(second);

        ClaimStore.Claim c = claim("hash-c", "bldg-7", bldg7);
        assertThat(store.completeClaim(c.id(), "gw-cert", null, new ClaimStore.Credential(RegistryStore.NO_PASSWORD, "1a2b"), second))
                .isEqualTo(ClaimStore.ClaimOutcome.DONE);
        assertThat(store.gatewayCertificate("gw-cert")).contains(second);

        assertThat(store.revokeGatewayCredential("gw-cert", "admin")).isTrue();
        assertThat(store.gatewayCertificate("gw-cert")).isEmpty();
        assertThat(store.gatewaySecretHash("gw-cert")).contains(RegistryStore.NO_PASSWORD);
        assertThat(store.revokeGatewayCredential("gw-nope", "admin")).isFalse();
        assertThat(store.auditLog(Instant.EPOCH, 20)).extracting(AuditEntry::action).contains("revoke gateway credential");
    }

    /**
     * Verifies that a completion applies only to the credential as it was read: after an admin revoked a certificate
     * gateway (its hash is 'none' before and after), a renewal that read the old certificate is GATEWAY_TAKEN, the
     * claim stays open and the gateway stays revoked.
     */
    @Test
    void revocationIsNotUndoneByARenewalThatReadTheOldCertificate() {
        GatewayCertificate first = new GatewayCertificate("1a2b", "f".repeat(64), "k".repeat(64), "-----PEM 1-----",
                Instant.parse("2028-12-01T08:00:00Z"));
        GatewayCertificate renewed = new GatewayCertificate("3c4d", "e".repeat(64), "k".repeat(64), "-----PEM 2-----",
                Instant.parse("2028-12-02T08:00:00Z"));
        store.completeClaim(claim("hash-a", "bldg-7", bldg7).id(), "gw-cert", RegistryStore.NO_PASSWORD, null, first);
        ClaimStore.Credential read = new ClaimStore.Credential(RegistryStore.NO_PASSWORD, "1a2b");
        store.revokeGatewayCredential("gw-cert", "admin");

        ClaimStore.Claim b = claim("hash-b", "bldg-7", bldg7);
        assertThat(store.completeClaim(b.id(), "gw-cert", null, read, renewed)).isEqualTo(ClaimStore.ClaimOutcome.GATEWAY_TAKEN);
        assertThat(store.gatewayCertificate("gw-cert")).isEmpty();
        assertThat(store.claim(b.id(), Scope.ALL).orElseThrow().state(clock.instant())).isEqualTo("open");
    }

    /**
     * Verifies that a revoked gateway is given only to a claim whose site's scope contains the gateway's scope path: one
     * for a site in another street is GATEWAY_TAKEN (the claim stays open, the gateway where it was, also once a birth
     * placed it), one for its own site takes it.
     */
    @Test
    void revokedGatewayIsTakenOnlyWithinItsClaimsScope() {
        provisionedGatewayWithDevices();
        store.revokeGatewayCredential("gw-1", "admin");
        ClaimStore.Credential revoked = new ClaimStore.Credential(RegistryStore.NO_PASSWORD, null);

        ClaimStore.Claim elsewhere = claim("hash-b", "mjw-18", mjw18);
        assertThat(store.completeClaim(elsewhere.id(), "gw-1", "new-hash", revoked, null)).isEqualTo(ClaimStore.ClaimOutcome.GATEWAY_TAKEN);
        assertThat(store.claim(elsewhere.id(), Scope.ALL).orElseThrow().state(clock.instant())).isEqualTo("open");
        GatewayView g = store.gateway("gw-1", Scope.ALL).orElseThrow();
        assertThat(g.site()).isEqualTo("bldg-7");
        assertThat(g.scopePath()).isEqualTo(bldg7);
        assertThat(store.gatewaySecretHash("gw-1")).contains(RegistryStore.NO_PASSWORD);

        ClaimStore.Claim own = claim("hash-c", "bldg-7", bldg7);
        assertThat(store.completeClaim(own.id(), "gw-1", "new-hash", revoked, null)).isEqualTo(ClaimStore.ClaimOutcome.DONE);
        assertThat(store.gatewaySecretHash("gw-1")).contains("new-hash");
    }

    /** Verifies that a pre-registered gateway with its own hash is placed by a claim and keeps its secret. */
    @Test
    void knownGatewayIsPlacedWithItsSecret() {
        store.putGatewaySecret("gw-pre", "pre-hash");
        ClaimStore.Claim a = claim("hash-a", "bldg-7", bldg7);

        assertThat(store.completeClaim(a.id(), "gw-pre", null, "pre-hash")).isEqualTo(ClaimStore.ClaimOutcome.DONE);
        assertThat(store.gatewaySecretHash("gw-pre")).contains("pre-hash");
        assertThat(store.gateway("gw-pre", Scope.ALL).orElseThrow().site()).isEqualTo("bldg-7");
    }

    /**
     * Verifies that a grid import re-places claims and claimed gateways without devices by their site: made while
     * the grid did not know bldg-7 (so at the district), they move to bldg-7 once it does.
     */
    @Test
    void gridImportReplacesClaimsAndClaimedGateways() {
        Grid empty = Grid.empty("xh");
        store.replaceGrid(empty, GridFile.export(empty), "test");
        ClaimStore.Claim a = claim("hash-a", "bldg-7", empty.path("xh").orElseThrow());
        store.completeClaim(a.id(), "gw-early", "h", null);
        assertThat(store.gateway("gw-early", Scope.ALL).orElseThrow().scopePath()).isEqualTo("/xh/");

        store.replaceGrid(grid, GridFile.export(grid), "test");

        assertThat(store.gateway("gw-early", Scope.ALL).orElseThrow().scopePath()).isEqualTo(bldg7);
        assertThat(store.claims(new Scope(bldg7), 10)).extracting(ClaimStore.Claim::id).containsExactly(a.id());
    }

    /** Verifies that only an open claim can be revoked, that a revoked or expired one cannot be completed. */
    @Test
    void revokedAndExpiredClaimsCannotBeSpent() {
        ClaimStore.Claim a = claim("hash-a", "bldg-7", bldg7);
        ClaimStore.Claim b = claim("hash-b", "bldg-7", bldg7);

        assertThat(store.revokeClaim(a.id(), "admin")).isTrue();
        assertThat(store.revokeClaim(a.id(), "admin")).isFalse();
        ClaimStore.Claim revoked = store.claim(a.id(), Scope.ALL).orElseThrow();
        assertThat(revoked.state(clock.instant())).isEqualTo("revoked");
        assertThat(revoked.revokedBy()).isEqualTo("admin");
        assertThat(store.completeClaim(a.id(), "gw-1", "h", null)).isEqualTo(ClaimStore.ClaimOutcome.CLAIM_GONE);

        clock.advance(Duration.ofHours(24));
        assertThat(store.completeClaim(b.id(), "gw-1", "h", null)).isEqualTo(ClaimStore.ClaimOutcome.CLAIM_GONE);
        assertThat(store.revokeClaim(b.id(), "admin")).isFalse();
        assertThat(store.gatewaySecretHash("gw-1")).isEmpty();
    }

    /** A birth of gw-1 at bldg-7 declaring smoke-302 and hydrant-b7. */
    private void provisionedGatewayWithDevices() {
        ClaimStore.Claim a = claim("hash-a", "bldg-7", bldg7);
        store.completeClaim(a.id(), "gw-1", "h", null);
        Timestamp ts = new Timestamp(clock.millis(), 1_000);
        store.apply(List.of(in(Envelope.of("gw-1", "boot-1", 0, ts, new Body.Birth("0.1.0", ts, List.of(
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("bldg-7", "302")),
                new Body.DeclaredDevice("hydrant-b7", "hydrant-pressure-modbus", new Location("bldg-7", null, "pump-room", null))))))));
    }

    private IngestResult smoke(long seq, String alarmId, long gatewayLagMs) {
        Timestamp ts = new Timestamp(clock.millis() - gatewayLagMs, 1_000 + seq * 1000);
        WireReading r = new WireReading("smoke-302", "smoke", true, null, WireReading.Quality.GOOD, ts);
        return store.apply(List.of(in(Envelope.of("gw-1", "boot-1", seq, ts, new Body.Alarm(alarmId, "smoke-302", "smoke",
                Body.Transition.RAISED, "CRITICAL", "fire.smoke", Location.unit("bldg-7", "302"), ts, "smoke in 302",
                List.of(r)))))).get(0);
    }

    /**
     * Verifies that a second start extends the running walk test instead of opening another, that it ends by the
     * clock, that ending one early is recorded and ending again finds none, and that the running ones are listed and
     * every change is a live event.
     */
    @Test
    void walkTestExtendsAndEnds() {
        provisionedGatewayWithDevices();
        assertThat(store.walkTestsRunning()).isEmpty();
        WalkTestStore.Started first = store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs");
        assertThat(store.walkTestsRunning()).containsExactly(Map.entry("gw-1", clock.instant().plus(Duration.ofMinutes(30))));
        assertThat(first.alreadyRunning()).isFalse();
        clock.advance(Duration.ofMinutes(20));
        WalkTestStore.Started again = store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs");
        assertThat(again.alreadyRunning()).isTrue();
        assertThat(again.walkTest().id()).isEqualTo(first.walkTest().id());
        assertThat(again.walkTest().endsAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        WalkTestStore.Started shorter = store.startWalkTest("gw-1", Duration.ofMinutes(1), "inst-bs");
        assertThat(shorter.walkTest().endsAt()).as("never shortened by a start").isEqualTo(again.walkTest().endsAt());

        clock.advance(Duration.ofMinutes(31));
        assertThat(store.latestWalkTest("gw-1").orElseThrow().activeAt(clock.instant())).isFalse();
        assertThat(store.walkTestsRunning()).as("ended by the clock").isEmpty();
        assertThat(store.endWalkTest("gw-1", "inst-bs")).isEmpty();

        WalkTestStore.Started next = store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs");
        assertThat(next.walkTest().id()).isNotEqualTo(first.walkTest().id());
        WalkTestStore.WalkTest ended = store.endWalkTest("gw-1", "admin").orElseThrow();
        assertThat(ended.endedBy()).isEqualTo("admin");
        assertThat(ended.activeAt(clock.instant())).isFalse();
        assertThat(store.eventsAfter(0, Scope.ALL, 100)).filteredOn(e -> e.kind().equals("walktest"))
                .extracting(e -> e.payloadJson().replaceAll(".*\"state\":\"(\\w+)\".*", "$1"))
                .as("each change reaches the live stream").containsExactly("started", "extended", "extended", "started", "ended");
        assertThatThrownBy(() -> store.startWalkTest("gw-none", Duration.ofMinutes(5), "x")).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).error()).isEqualTo(HubError.NOT_FOUND));
    }

    /**
     * Verifies that a smoke alarm during a walk test is stored, opens no case and notifies nobody, and is recorded
     * for its device with its value and round trip (first trigger kept, later ones counted), while the same alarm
     * after the walk test opens a case.
     */
    @Test
    void alarmsDuringWalkTestOpenNoCase() {
        provisionedGatewayWithDevices();
        store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs");
        clock.advance(Duration.ofSeconds(10));

        assertThat(smoke(1, "a-1", 120).acknowledged()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        smoke(2, "a-2", 40);

        assertThat(store.cases(CaseQuery.all()).total()).isZero();
        assertThat(store.notifications(Scope.ALL, null, null, 50)).isEmpty();
        assertThat(store.stats().alarms()).isEqualTo(2);
        WalkTestStore.DeviceSeen seen = store.latestWalkTest("gw-1").orElseThrow().devices().get(0);
        assertThat(seen.device()).isEqualTo("smoke-302");
        assertThat(seen.trigger()).isEqualTo("alarm");
        assertThat(seen.ref()).isEqualTo("a-1");
        assertThat(seen.value()).isEqualTo("smoke=true");
        assertThat(seen.roundTripMs()).isEqualTo(120);
        assertThat(seen.triggers()).isEqualTo(2);
        assertThat(store.eventsAfter(0, Scope.ALL, 100)).extracting(HubEvent::kind).contains("walktest");

        store.endWalkTest("gw-1", "inst-bs");
        clock.advance(Duration.ofSeconds(1));
        smoke(3, "a-3", 50);
        assertThat(store.cases(CaseQuery.all()).total()).isEqualTo(1);
    }

    private void hydrantFault(long seq, String alarmId, String caseType, Body.Transition t) {
        Timestamp ts = new Timestamp(clock.millis() - 20, 1_000 + seq * 1000);
        store.apply(List.of(in(Envelope.of("gw-1", "boot-1", seq, ts, new Body.Alarm(alarmId, "hydrant-b7", "offline", t,
                "MAJOR", caseType, new Location("bldg-7", null, "pump-room", null), ts,
                "hydrant meter not answering for 1m", List.of())))));
    }

    private WalkTestStore.DeviceFault hydrantFaultSeen() {
        return store.latestWalkTest("gw-1").orElseThrow().faults().get(0);
    }

    /**
     * Verifies that a device's own faults during a walk test (device.* alarms) are recorded as faults, never as
     * triggers, and open no case; that "raised" says whether any of them is still raised (one clearing while another
     * stays is still raised), and after the walk test's end, whether one was at its end (a later clear changes
     * nothing); and that a trigger of the same device still counts as its test.
     */
    @Test
    void deviceFaultsDuringWalkTestAreNotTriggers() {
        provisionedGatewayWithDevices();
        store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs");
        clock.advance(Duration.ofSeconds(2));

        hydrantFault(1, "f-1", "device.comm-fault", Body.Transition.RAISED);

        WalkTestStore.WalkTest w = store.latestWalkTest("gw-1").orElseThrow();
        assertThat(w.devices()).isEmpty();
        assertThat(w.faults()).singleElement().satisfies(f -> {
            assertThat(f.device()).isEqualTo("hydrant-b7");
            assertThat(f.alarmId()).isEqualTo("f-1");
            assertThat(f.caseType()).isEqualTo("device.comm-fault");
            assertThat(f.detail()).isEqualTo("hydrant meter not answering for 1m");
            assertThat(f.raised()).isTrue();
            assertThat(f.faults()).isEqualTo(1);
        });

        clock.advance(Duration.ofSeconds(3));
        hydrantFault(2, "f-1", "device.comm-fault", Body.Transition.CLEARED);
        assertThat(hydrantFaultSeen().raised()).as("answering again").isFalse();
        assertThat(hydrantFaultSeen().faults()).isEqualTo(1);

        hydrantFault(3, "f-2", "device.fault", Body.Transition.RAISED);
        hydrantFault(4, "f-3", "device.comm-fault", Body.Transition.RAISED);
        hydrantFault(5, "f-3", "device.comm-fault", Body.Transition.CLEARED);
        assertThat(hydrantFaultSeen().raised()).as("the sensor fault f-2 is still raised").isTrue();
        assertThat(hydrantFaultSeen().faults()).isEqualTo(3);

        Timestamp ts = new Timestamp(clock.millis() - 10, 9_000);
        store.apply(List.of(in(Envelope.of("gw-1", "boot-1", 6, ts, new Body.Event("pressed", "hydrant-b7", Map.of())))));
        assertThat(store.latestWalkTest("gw-1").orElseThrow().devices()).extracting(WalkTestStore.DeviceSeen::device)
                .containsExactly("hydrant-b7");
        assertThat(store.cases(CaseQuery.all()).total()).isZero();

        store.endWalkTest("gw-1", "inst-bs");
        clock.advance(Duration.ofSeconds(5));
        hydrantFault(7, "f-2", "device.fault", Body.Transition.CLEARED);
        assertThat(hydrantFaultSeen().raised()).as("raised at the walk test's end").isTrue();
    }

    /** Verifies that a device event during a walk test counts as its trigger, with the event type as its reference. */
    @Test
    void deviceEventsCountAsTriggers() {
        provisionedGatewayWithDevices();
        store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs");
        clock.advance(Duration.ofSeconds(1));
        Timestamp ts = new Timestamp(clock.millis() - 30, 5_000);
        store.apply(List.of(in(Envelope.of("gw-1", "boot-1", 5, ts, new Body.Event("pressed", "hydrant-b7", Map.of())))));

        WalkTestStore.DeviceSeen seen = store.latestWalkTest("gw-1").orElseThrow().devices().get(0);
        assertThat(seen.device()).isEqualTo("hydrant-b7");
        assertThat(seen.trigger()).isEqualTo("event");
        assertThat(seen.ref()).isEqualTo("pressed");
        assertThat(seen.roundTripMs()).isEqualTo(30);
    }

    /**
     * Verifies that a commissioning report is kept as the latest, marks the tested devices commissioned (shown on the
     * device list), leaves the others as they were, and is a live event.
     */
    @Test
    void commissioningMarksTestedDevices() {
        provisionedGatewayWithDevices();
        WalkTestStore.WalkTest w = store.startWalkTest("gw-1", Duration.ofMinutes(30), "inst-bs").walkTest();
        clock.advance(Duration.ofMinutes(5));

        WalkTestStore.Commissioning c = store.storeCommissioning("gw-1", w.id(), "inst-bs", "{\"devices\":[]}",
                List.of("smoke-302", "not-declared"));

        assertThat(c.commissioned()).containsExactly("smoke-302");
        WalkTestStore.Commissioning latest = store.commissioning("gw-1").orElseThrow();
        assertThat(latest.id()).isEqualTo(c.id());
        assertThat(latest.walkTestId()).isEqualTo(w.id());
        assertThat(latest.reportJson()).isEqualTo("{\"devices\":[]}");
        assertThat(latest.commissioned()).containsExactly("smoke-302");
        assertThat(store.devices(Scope.ALL)).filteredOn(d -> d.id().equals("smoke-302")).singleElement()
                .satisfies(d -> assertThat(d.commissionedAt()).isEqualTo(clock.instant()));
        assertThat(store.devices(Scope.ALL)).filteredOn(d -> d.id().equals("hydrant-b7")).singleElement()
                .satisfies(d -> assertThat(d.commissionedAt()).isNull());
        assertThat(store.commissioning("gw-other")).isEmpty();
        assertThat(store.eventsAfter(0, Scope.ALL, 100)).filteredOn(e -> e.payloadJson().contains("\"state\":\"commissioned\""))
                .as("dashboards hear of it").singleElement().satisfies(e -> assertThat(e.payloadJson()).contains("\"commissioned\":[\"smoke-302\"]"));
    }
}
