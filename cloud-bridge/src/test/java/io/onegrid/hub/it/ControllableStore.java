package io.onegrid.hub.it;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.store.*;
import io.onegrid.hub.store.WebhookStore.Attempt;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.NewDelivery;
import io.onegrid.hub.store.WebhookStore.NewSubscription;
import io.onegrid.hub.store.WebhookStore.Subscription;
import java.time.Duration;
import java.util.function.Consumer;

import io.onegrid.hub.store.CaseDetail;
import io.onegrid.hub.store.CasePage;
import io.onegrid.hub.store.CaseQuery;
import io.onegrid.hub.store.GatewayView;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.NotificationRecord;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.StoreException;
import io.onegrid.hub.store.StoreOp;
import io.onegrid.hub.store.StoreStats;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.hub.store.UserRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real store whose ingest can be made to fail (disk full, database locked) or to hold before the commit
 * (the moment a crash would hit), so tests can see what the gateway is told in those cases.
 */
final class ControllableStore implements HubStore {
    private final HubStore real;
    volatile boolean failing;
    private volatile CountDownLatch hold;
    private volatile boolean killed;
    final CountDownLatch entered = new CountDownLatch(1);

    ControllableStore(HubStore real) {
        this.real = real;
    }

    /** Makes the next apply wait before committing until {@link #release} or {@link #kill}. */
    void holdCommits() {
        hold = new CountDownLatch(1);
    }

    /** Lets the held batch commit. */
    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) h.countDown();
    }

    /** The held batch never commits: what a crash at that moment does. */
    void kill() {
        killed = true;
        if (hold != null) hold.countDown();
    }

    @Override
    public List<IngestResult> apply(List<StoreOp> batch) {
        CountDownLatch h = hold;
        if (h != null) {
            entered.countDown();
            try {
                h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing || killed) throw new StoreException("simulated storage failure");
        return real.apply(batch);
    }

    @Override public int pruneDedupKeys(Instant before, int max) { return real.pruneDedupKeys(before, max); }
    @Override public int pruneTelemetry(Instant before, int max) { return real.pruneTelemetry(before, max); }
    @Override public int pruneStream(Instant before, int max) { return real.pruneStream(before, max); }
    @Override public Optional<String> gatewaySecretHash(String id) { return real.gatewaySecretHash(id); }
    @Override public Claim createClaim(String h, String site, String path, String by, Instant exp) {
        return real.createClaim(h, site, path, by, exp); }
    @Override public List<Claim> claims(Scope s, int limit) { return real.claims(s, limit); }
    @Override public Optional<Claim> claim(long id, Scope s) { return real.claim(id, s); }
    @Override public Optional<Claim> claimByCodeHash(String h) { return real.claimByCodeHash(h); }
    @Override public boolean revokeClaim(long id, String by) { return real.revokeClaim(id, by); }
    @Override public ClaimOutcome completeClaim(long id, String gw, String h, Credential expected,
                                                io.onegrid.hub.store.GatewayCertificate cert) {
        return real.completeClaim(id, gw, h, expected, cert); }
    @Override public Optional<io.onegrid.hub.store.GatewayCertificate> gatewayCertificate(String id) {
        return real.gatewayCertificate(id); }
    @Override public java.util.Map<String, io.onegrid.hub.store.CredentialInForce> gatewayCredentials(java.util.Collection<String> ids) {
        return real.gatewayCredentials(ids); }
    @Override public boolean revokeGatewayCredential(String id, String by) { return real.revokeGatewayCredential(id, by); }
    @Override public Started startWalkTest(String gw, java.time.Duration d, String by) { return real.startWalkTest(gw, d, by); }
    @Override public Optional<WalkTest> endWalkTest(String gw, String by) { return real.endWalkTest(gw, by); }
    @Override public Optional<WalkTest> latestWalkTest(String gw) { return real.latestWalkTest(gw); }
    @Override public java.util.Map<String, java.time.Instant> walkTestsRunning() { return real.walkTestsRunning(); }
    @Override public Commissioning storeCommissioning(String gw, Long wt, String by, String json, List<String> tested) {
        return real.storeCommissioning(gw, wt, by, json, tested); }
    @Override public Optional<Commissioning> commissioning(String gw) { return real.commissioning(gw); }
    @Override public boolean createGateway(String id, String h) { return real.createGateway(id, h); }
    @Override public void putGatewaySecret(String id, String h) { real.putGatewaySecret(id, h); }
    @Override public List<GatewayView> gateways(Scope s) { return real.gateways(s); }
    @Override public Optional<GatewayView> gateway(String id, Scope s) { return real.gateway(id, s); }
    @Override public List<GatewayView.DeviceView> devices(Scope s) { return real.devices(s); }
    @Override public List<StoredReading> readings(String g, String d, String c, long f, long t, int l) { return real.readings(g, d, c, f, t, l); }
    @Override public void countRejected(String id) { real.countRejected(id); }
    @Override public int sweepHealth(Duration m, Duration f) { return real.sweepHealth(m, f); }
    @Override public Grid grid() { return real.grid(); }
    @Override public void replaceGrid(Grid g, String d, String by) { real.replaceGrid(g, d, by); }
    @Override public Optional<UserRecord> user(String u) { return real.user(u); }
    @Override public boolean createUser(UserRecord u) { return real.createUser(u); }
    @Override public List<UserRecord> users() { return real.users(); }
    @Override public Optional<UserRecord> updateUser(String u, UserChange ch, String by) { return real.updateUser(u, ch, by); }
    @Override public void changeOwnPassword(String u, String hash, String keep) { real.changeOwnPassword(u, hash, keep); }
    @Override public void storeToken(String t, String u, Instant e) { real.storeToken(t, u, e); }
    @Override public Optional<TokenSession> tokenSession(String t, Instant n) { return real.tokenSession(t, n); }
    @Override public void deleteToken(String t) { real.deleteToken(t); }
    @Override public int deleteExpiredTokens(Instant n) { return real.deleteExpiredTokens(n); }
    @Override public void audit(String u, String a, String s, String d) { real.audit(u, a, s, d); }
    @Override public List<AuditEntry> auditLog(Instant f, int l) { return real.auditLog(f, l); }
    @Override public CasePage cases(CaseQuery q) { return real.cases(q); }
    @Override public Optional<CaseDetail> caseDetail(long id, Scope s) { return real.caseDetail(id, s); }
    @Override public CaseDetail act(CaseCommand c) { return real.act(c); }
    @Override public int sweepSla(Instant n) { return real.sweepSla(n); }
    @Override public List<NotificationRecord> notifications(Scope s, java.util.Set<String> r, String st, int l) {
        return real.notifications(s, r, st, l);
    }
    @Override public NotificationRecord acknowledge(long id, String u, java.util.Set<String> r, Scope s) {
        return real.acknowledge(id, u, r, s);
    }
    @Override public Kpis kpis(Scope s, Instant f, Instant t, Instant n) { return real.kpis(s, f, t, n); }
    @Override public List<HubEvent> eventsAfter(long id, Scope s, int l) { return real.eventsAfter(id, s, l); }
    @Override public long lastEventId() { return real.lastEventId(); }
    @Override public void onEvents(Consumer<List<HubEvent>> l) { real.onEvents(l); }
    @Override public void createCommand(CommandRecord c, int max) { real.createCommand(c, max); }
    @Override public Optional<CommandRecord> command(String id) { return real.command(id); }
    @Override public List<CommandRecord> commands(String gw, int l) { return real.commands(gw, l); }
    @Override public List<CommandRecord> pendingCommands(String gw, Instant n) { return real.pendingCommands(gw, n); }
    @Override public boolean commandDelivered(String id, Instant at) { return real.commandDelivered(id, at); }
    @Override public Optional<CommandRecord> commandReplied(String gw, String id, CommandState s, String code, String r,
                                                            Instant at) {
        return real.commandReplied(gw, id, s, code, r, at);
    }
    @Override public int expireCommands(Instant n) { return real.expireCommands(n); }
    @Override public Subscription createWebhook(NewSubscription s) { return real.createWebhook(s); }
    @Override public List<Subscription> webhooks() { return real.webhooks(); }
    @Override public Optional<Subscription> webhook(long id) { return real.webhook(id); }
    @Override public boolean setWebhookEnabled(long id, boolean e, String u) { return real.setWebhookEnabled(id, e, u); }
    @Override public boolean deleteWebhook(long id, String u) { return real.deleteWebhook(id, u); }
    @Override public List<Delivery> deliveries(long id, int l) { return real.deliveries(id, l); }
    @Override public long webhookCursor() { return real.webhookCursor(); }
    @Override public int enqueueDeliveries(List<NewDelivery> d, long c, Instant n) { return real.enqueueDeliveries(d, c, n); }
    @Override public List<Delivery> dueDeliveries(java.util.Map<Long, Integer> l, Instant n) { return real.dueDeliveries(l, n); }
    @Override public List<Delivery> claimDeliveries(List<Delivery> d, Instant l) { return real.claimDeliveries(d, l); }
    @Override public void recordAttempts(List<Attempt> a) { real.recordAttempts(a); }
    @Override public void releaseDeliveries(java.util.Collection<Long> ids, Instant at) { real.releaseDeliveries(ids, at); }
    @Override public int pruneWebhookDeliveries(Instant b, int m) { return real.pruneWebhookDeliveries(b, m); }
    @Override public boolean ping() { return real.ping(); }
    @Override public StoreStats stats() { return real.stats(); }
    @Override public void close() { real.close(); }
}
