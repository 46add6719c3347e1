package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.cases.SlaPolicy;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HubStore} on SQLite or PostgreSQL: the same SQL on both ({@link SqlDialect} names the few
 * differences), schema by Flyway ({@link SchemaMigrations}), time from the injected clock.
 */
public final class JdbcHubStore implements HubStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcHubStore.class);
    /** The district a hub starts with before any grid is imported. */
    public static final String DEFAULT_DISTRICT = "district";

    private final Database db;
    private final Clock clock;
    private final AtomicReference<Grid> grid = new AtomicReference<>();
    private final BootClocks bootClocks;
    private final IngestApplier applier;
    private final CaseActions actions;
    private final SlaSweep sla;
    private final HealthSweep healthSweep;
    private final TxWriter writer;
    private final JdbcUsers users;
    private final JdbcClaims claims;
    private final JdbcRegistry registry;
    private final long missingAfterMs;
    private final Json json = new Json();

    /** Settings of the case engine that the store applies. */
    public record Options(SlaPolicy policy, Duration clockSkewTolerance, Duration gatewayMissingAfter) { }

    private JdbcHubStore(Database db, Clock clock, Options o) {
        this.db = db;
        this.clock = clock;
        this.missingAfterMs = o.gatewayMissingAfter().toMillis();
        try {
            SchemaMigrations.migrate(db);
            if (db instanceof SqliteDatabase s) s.ready();
            grid.set(loadGrid());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        this.bootClocks = new BootClocks(o.clockSkewTolerance());
        CaseFiling filing = new CaseFiling(grid::get, o.policy());
        this.applier = new IngestApplier(new AlarmRows(new CaseWriter(filing, db.dialect()), json), json, bootClocks,
                grid::get);
        this.actions = new CaseActions(grid::get, filing, db.dialect());
        this.sla = new SlaSweep(grid::get, filing);
        this.healthSweep = new HealthSweep(filing);
        this.writer = new TxWriter(db, clock);
        this.users = new JdbcUsers(db, clock);
        this.claims = new JdbcClaims(db, clock, grid::get, writer);
        this.registry = new JdbcRegistry(db, clock, grid::get, writer, bootClocks, healthSweep, missingAfterMs);
    }

    /** The embedded default: one SQLite file (folder and file created if needed), migrated. */
    public static JdbcHubStore openSqlite(Path file, Clock clock, Options options) {
        return new JdbcHubStore(new SqliteDatabase(file), clock, options);
    }

    /** A PostgreSQL database (the server must exist; the schema is created or upgraded). */
    public static JdbcHubStore openPostgres(String url, String user, String password, Clock clock, Options options) {
        return new JdbcHubStore(new PostgresDatabase(url, user, password, 8), clock, options);
    }

    public SqlDialect dialect() {
        return db.dialect();
    }

    // ---- plumbing ----

    private <T> T write(String what, TxWriter.TxWork<T> work) {
        return writer.write(what, work);
    }

    private Grid loadGrid() {
        return db.read("reading the grid", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT version, document FROM grid_documents ORDER BY version DESC LIMIT 1")) {
                if (!rs.next()) return Grid.empty(DEFAULT_DISTRICT);
                return GridFile.parse(rs.getString(2), "grid version " + rs.getLong(1));
            }
        });
    }

    // ---- ingest ----

    @Override
    public List<IngestResult> apply(List<StoreOp> batch) {
        return write("storing " + batch.size() + " messages", tx -> {
            List<IngestResult> results = new ArrayList<>(batch.size());
            for (StoreOp op : batch) {
                Savepoint sp = tx.c.setSavepoint();
                int mark = tx.mark();
                try {
                    results.add(applier.apply(tx, op));
                    tx.c.releaseSavepoint(sp);
                } catch (SQLException | RuntimeException e) {
                    tx.c.rollback(sp);
                    tx.rollbackTo(mark);
                    results.add(failure(op, e));
                }
            }
            return results;
        });
    }

    /**
     * One op failed inside its savepoint. Logged with the message's key only (its payload may hold whatever a
     * device reported). A failure that would repeat on the same message is final for the sender.
     */
    private static IngestResult failure(StoreOp op, Exception e) {
        String key = op instanceof StoreOp.Ingest in
                ? "gateway=" + in.envelope().gatewayId() + " boot=" + in.envelope().bootId() + " seq=" + in.envelope().seq()
                        + " kind=" + in.envelope().kind().wireName()
                : "gateway=" + op.gatewayId() + " (connection state)";
        if (StoreErrors.isTransient(e)) {
            LOG.warn("message {} not stored now, the gateway will retry: {}", key, e.toString());
            return IngestResult.failed("not stored now, retry later");
        }
        LOG.warn("message {} cannot be applied and is refused for good: {}", key, e.toString());
        return IngestResult.unprocessable("the hub cannot apply this message (see the hub log for gateway, boot, seq)");
    }

    @Override
    public int pruneDedupKeys(Instant before, int maxRows) {
        return prune("messages", "received_at", before, maxRows);
    }

    @Override
    public int pruneTelemetry(Instant before, int maxRows) {
        return prune("telemetry", "received_at", before, maxRows);
    }

    @Override
    public int pruneStream(Instant before, int maxRows) {
        return db.write("pruning hub_events", c -> EventSql.prune(c, before, maxRows));
    }

    private int prune(String table, String timeColumn, Instant before, int maxRows) {
        return db.write("pruning " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().pruneOldest(table, timeColumn))) {
                Sql.bind(ps, before.toEpochMilli(), maxRows);
                return ps.executeUpdate();
            }
        });
    }

    // ---- registry (JdbcRegistry) ----

    @Override public Optional<String> gatewaySecretHash(String gatewayId) {
        return registry.gatewaySecretHash(gatewayId); }
    @Override public java.util.Map<String, CredentialInForce> gatewayCredentials(java.util.Collection<String> gatewayIds) {
        return registry.gatewayCredentials(gatewayIds); }
    @Override public Optional<GatewayCertificate> gatewayCertificate(String gatewayId) {
        return registry.gatewayCertificate(gatewayId); }
    @Override public boolean revokeGatewayCredential(String gatewayId, String by) {
        return registry.revokeGatewayCredential(gatewayId, by); }
    @Override public boolean createGateway(String gatewayId, String secretHash) {
        return registry.createGateway(gatewayId, secretHash); }
    @Override public void putGatewaySecret(String gatewayId, String secretHash) {
        registry.putGatewaySecret(gatewayId, secretHash); }
    @Override public List<GatewayView> gateways(Scope scope) { return registry.gateways(scope); }
    @Override public Optional<GatewayView> gateway(String gatewayId, Scope scope) {
        return registry.gateway(gatewayId, scope); }
    @Override public List<GatewayView.DeviceView> devices(Scope scope) { return registry.devices(scope); }
    @Override public void countRejected(String gatewayId) { registry.countRejected(gatewayId); }
    @Override public int sweepHealth(Duration missingAfter, Duration faultAfter) {
        return registry.sweepHealth(missingAfter, faultAfter); }

    @Override
    public List<StoredReading> readings(String gatewayId, String deviceId, String channel, long fromWallMs, long toWallMs,
                                        int limit) {
        return db.read("reading telemetry", c -> TelemetrySql.readings(c, gatewayId, deviceId, channel, fromWallMs, toWallMs, limit));
    }

    // ---- grid ----

    @Override
    public Grid grid() {
        return grid.get();
    }

    @Override
    public void replaceGrid(Grid g, String document, String importedBy) {
        synchronized (grid) {
            write("replacing the grid", tx -> {
                Sql.update(tx.c, "INSERT INTO grid_documents (document, imported_at, imported_by) VALUES (?, ?, ?)",
                        document, tx.now, importedBy);
                HealthSweep.replace(tx, g);
                return null;
            });
            grid.set(g);
        }
    }

    // ---- cases ----

    @Override
    public CasePage cases(CaseQuery query) {
        return db.read("listing cases", c -> CaseReader.cases(c, query));
    }

    @Override
    public Optional<CaseDetail> caseDetail(long caseId, Scope scope) {
        return db.read("reading case", c -> CaseReader.detail(c, caseId, scope));
    }

    @Override
    public CaseDetail act(CaseCommand command) {
        write(command.action().wireName() + " case " + command.caseId(), tx -> {
            actions.act(tx, command);
            return null;
        });
        return caseDetail(command.caseId(), Scope.ALL).orElseThrow();
    }

    @Override
    public List<NotificationRecord> notifications(Scope scope, java.util.Set<String> responders, String state, int limit) {
        return db.read("reading notifications", c -> Notifications.list(c, scope, responders, state, limit));
    }

    @Override
    public NotificationRecord acknowledge(long id, String username, java.util.Set<String> responders, Scope scope) {
        return write("acknowledging notification " + id, tx -> Notifications.acknowledge(tx, id, username, responders, scope));
    }

    @Override
    public int sweepSla(Instant now) {
        List<Long> due = db.read("finding breached cases", c -> SlaSweep.due(c, now.toEpochMilli()));
        int n = 0;
        for (long id : due) {
            if (write("escalating case " + id, tx -> sla.breach(tx, id))) n++;
        }
        return n;
    }

    @Override
    public Kpis kpis(Scope scope, Instant from, Instant to, Instant now) {
        return db.read("computing KPIs", c -> KpiQuery.run(c, scope.pathPrefix(), scope, from, to, now));
    }

    // ---- users (JdbcUsers) ----

    @Override public Optional<UserRecord> user(String username) { return users.user(username); }
    @Override public boolean createUser(UserRecord user) { return users.createUser(user); }
    @Override public List<UserRecord> users() { return users.users(); }
    @Override public Optional<UserRecord> updateUser(String username, UserChange change, String by) {
        return users.updateUser(username, change, by); }
    @Override public void changeOwnPassword(String username, String newPasswordHash, String keepTokenHash) {
        users.changeOwnPassword(username, newPasswordHash, keepTokenHash); }
    @Override public void storeToken(String tokenHash, String username, Instant expiresAt) {
        users.storeToken(tokenHash, username, expiresAt); }
    @Override public Optional<TokenSession> tokenSession(String tokenHash, Instant now) {
        return users.tokenSession(tokenHash, now); }
    @Override public void deleteToken(String tokenHash) { users.deleteToken(tokenHash); }
    @Override public int deleteExpiredTokens(Instant now) { return users.deleteExpiredTokens(now); }
    @Override public void audit(String username, String action, String subject, String detail) {
        users.audit(username, action, subject, detail); }
    @Override public List<AuditEntry> auditLog(Instant from, int limit) { return users.auditLog(from, limit); }

    // ---- commands ----

    @Override public void createCommand(CommandRecord c, int maxPending) {
        db.write("recording a command", x -> CommandSql.create(x, db.dialect(), c, maxPending)); }
    @Override public Optional<CommandRecord> command(String id) {
        return db.read("reading a command", c -> CommandSql.one(c, id)); }
    @Override public List<CommandRecord> commands(String gw, int limit) {
        return db.read("listing commands", c -> CommandSql.recent(c, gw, limit)); }
    @Override public List<CommandRecord> pendingCommands(String gw, Instant now) {
        return db.read("reading pending commands", c -> CommandSql.pending(c, gw, now.toEpochMilli())); }
    @Override public boolean commandDelivered(String id, Instant at) {
        return db.write("recording a delivery", c -> CommandSql.delivered(c, id, at.toEpochMilli())); }
    @Override public Optional<CommandRecord> commandReplied(String gw, String id, CommandState s, String code, String reply,
                                                            Instant at) {
        return db.write("recording a reply", c -> CommandSql.replied(c, gw, id, s, code, reply, at.toEpochMilli())); }
    @Override public int expireCommands(Instant now) {
        return db.write("expiring commands", c -> CommandSql.expire(c, now.toEpochMilli())); }

    // ---- webhooks ----

    @Override public WebhookStore.Subscription createWebhook(WebhookStore.NewSubscription s) {
        return db.write("creating a webhook", c -> WebhookSql.create(c, json, s, clock.millis())); }
    @Override public List<WebhookStore.Subscription> webhooks() {
        return db.read("listing webhooks", c -> WebhookSql.hooks(c, json, " ORDER BY id")); }
    @Override public Optional<WebhookStore.Subscription> webhook(long id) {
        return db.read("reading a webhook", c -> WebhookSql.one(c, json, id)); }
    @Override public boolean setWebhookEnabled(long id, boolean enabled, String user) {
        return db.write("pausing or resuming a webhook", c -> WebhookSql.setEnabled(c, id, enabled, user, clock.millis())); }
    @Override public boolean deleteWebhook(long id, String user) {
        return db.write("deleting a webhook", c -> WebhookSql.delete(c, json, id, user, clock.millis())); }
    @Override public List<WebhookStore.Delivery> deliveries(long webhookId, int limit) {
        return db.read("listing webhook deliveries", c -> WebhookSql.recent(c, webhookId, limit)); }
    @Override public long webhookCursor() { return db.read("reading the webhook cursor", WebhookSql::cursor); }
    @Override public int enqueueDeliveries(List<WebhookStore.NewDelivery> ds, long cursor, Instant now) {
        return db.write("queueing webhook deliveries", c -> WebhookSql.enqueue(c, ds, cursor, now.toEpochMilli())); }
    @Override public List<WebhookStore.Delivery> dueDeliveries(java.util.Map<Long, Integer> limits, Instant now) {
        return db.read("finding due webhook deliveries", c -> WebhookSql.due(c, limits, now.toEpochMilli())); }
    @Override public List<WebhookStore.Delivery> claimDeliveries(List<WebhookStore.Delivery> due, Instant leaseUntil) {
        return due.isEmpty() ? List.of()
                : db.write("claiming webhook deliveries", c -> WebhookSql.claim(c, due, leaseUntil.toEpochMilli())); }
    @Override public void recordAttempts(List<WebhookStore.Attempt> attempts) {
        if (!attempts.isEmpty()) db.write("recording webhook attempts", c -> WebhookSql.record(c, attempts)); }
    @Override public void releaseDeliveries(java.util.Collection<Long> ids, Instant at) {
        if (!ids.isEmpty()) db.write("releasing webhook deliveries", c -> WebhookSql.release(c, ids, at.toEpochMilli())); }
    @Override public int pruneWebhookDeliveries(Instant before, int maxRows) {
        return db.write("pruning webhook_deliveries", c -> WebhookSql.prune(c, before.toEpochMilli(), maxRows)); }

    // ---- claims, walk tests, commissioning (JdbcClaims) ----

    @Override public Claim createClaim(String codeHash, String site, String scopePath, String createdBy, Instant expiresAt) {
        return claims.createClaim(codeHash, site, scopePath, createdBy, expiresAt); }
    @Override public List<Claim> claims(Scope scope, int limit) { return claims.claims(scope, limit); }
    @Override public Optional<Claim> claim(long id, Scope scope) { return claims.claim(id, scope); }
    @Override public Optional<Claim> claimByCodeHash(String codeHash) { return claims.claimByCodeHash(codeHash); }
    @Override public boolean revokeClaim(long id, String by) { return claims.revokeClaim(id, by); }
    @Override public ClaimOutcome completeClaim(long claimId, String gatewayId, String secretHash, Credential expected, GatewayCertificate certificate) {
        return claims.completeClaim(claimId, gatewayId, secretHash, expected, certificate); }
    @Override public Started startWalkTest(String gatewayId, Duration duration, String by) {
        return claims.startWalkTest(gatewayId, duration, by); }
    @Override public Optional<WalkTest> endWalkTest(String gatewayId, String by) {
        return claims.endWalkTest(gatewayId, by); }
    @Override public Optional<WalkTest> latestWalkTest(String gatewayId) { return claims.latestWalkTest(gatewayId); }
    @Override public java.util.Map<String, Instant> walkTestsRunning() { return claims.walkTestsRunning(); }
    @Override public Commissioning storeCommissioning(String gatewayId, Long walkTestId, String by, String reportJson, List<String> tested) {
        return claims.storeCommissioning(gatewayId, walkTestId, by, reportJson, tested); }
    @Override public Optional<Commissioning> commissioning(String gatewayId) { return claims.commissioning(gatewayId); }

    // ---- events ----

    @Override
    public List<HubEvent> eventsAfter(long afterId, Scope scope, int limit) {
        return db.read("reading events", c -> EventSql.after(c, afterId, scope, limit));
    }

    @Override
    public long lastEventId() {
        return db.read("reading events", EventSql::lastId);
    }

    @Override
    public void onEvents(Consumer<List<HubEvent>> listener) {
        writer.onEvents(listener);
    }

    // ---- health ----

    @Override
    public boolean ping() {
        try {
            return db.read("ping", c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public StoreStats stats() {
        return db.read("reading stats", StoreStats::read);
    }

    @Override
    public void close() {
        db.close();
    }
}
