package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseCorrelator;
import io.onegrid.hub.cases.CaseStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * {@link HubStore} on one SQLite file in WAL mode with synchronous=FULL (a commit survives power loss,
 * which is what "acknowledge after commit" promises). One writer connection, used under its own lock
 * (SQLite has one writer anyway), and a small pool of read connections that WAL lets run beside it.
 */
public final class SqliteHubStore implements HubStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteHubStore.class);
    private static final int READERS = 3;

    private final Path file;
    private final Clock clock;
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final IngestApplier applier;
    private final BootClocks bootClocks;
    private volatile boolean closed;

    private SqliteHubStore(Path file, Clock clock, Duration correlationWindow, Duration clockSkewTolerance)
            throws SQLException {
        this.file = file;
        this.clock = clock;
        this.writer = connect(false);
        try {
            Migrations.migrate(writer);
            writer.setAutoCommit(false);
            for (int i = 0; i < READERS; i++) {
                readers.add(connect(true));
            }
        } catch (SQLException | RuntimeException e) {
            closed = true;
            closeReaders();
            writer.close();
            throw e;
        }
        Json json = new Json();
        this.bootClocks = new BootClocks(clockSkewTolerance);
        this.applier = new IngestApplier(new CaseWriter(new CaseCorrelator(correlationWindow, clock), json), json,
                bootClocks);
    }

    /** Opens with the default gateway clock-skew tolerance (2 minutes). */
    public static SqliteHubStore open(Path file, Clock clock, Duration correlationWindow) {
        return open(file, clock, correlationWindow, Duration.ofMinutes(2));
    }

    /** Opens (creating folder and file if needed) and migrates the database. */
    public static SqliteHubStore open(Path file, Clock clock, Duration correlationWindow, Duration clockSkewTolerance) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new SqliteHubStore(file, clock, correlationWindow, clockSkewTolerance);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5000);
        cfg.enforceForeignKeys(true);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (readOnly) cfg.setReadOnly(true);
        return cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    // ---- plumbing ----

    private interface Work<T> { T run(Connection c) throws SQLException; }

    private <T> T write(String what, Work<T> work) {
        synchronized (writer) {
            checkOpen();
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (e instanceof StoreException se) throw se;
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    private <T> T read(String what, Work<T> work) {
        checkOpen();
        Connection c;
        try {
            c = readers.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + " interrupted");
        }
        if (c == null) {
            throw new StoreException(what + ": no database connection free");
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        } finally {
            giveBack(c);
        }
    }

    private void giveBack(Connection c) {
        readers.add(c);
        if (closed) {
            closeReaders(); // close() ran while this connection was out
        }
    }

    private void closeReaders() {
        List<Connection> all = new ArrayList<>();
        readers.drainTo(all);
        for (Connection r : all) {
            try {
                r.close();
            } catch (SQLException e) {
                LOG.warn("closing database connection: {}", e.getMessage());
            }
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private void checkOpen() {
        if (closed) throw new StoreException("store is closed");
    }

    // ---- ingest ----

    @Override
    public List<IngestResult> apply(List<StoreOp> batch) {
        long now = clock.millis();
        return write("storing " + batch.size() + " messages", c -> {
            List<IngestResult> results = new ArrayList<>(batch.size());
            for (StoreOp op : batch) {
                Savepoint sp = c.setSavepoint();
                try {
                    results.add(applier.apply(c, op, now));
                    c.releaseSavepoint(sp);
                } catch (SQLException | RuntimeException e) {
                    c.rollback(sp);
                    c.releaseSavepoint(sp);
                    results.add(failure(op, e));
                }
            }
            return results;
        });
    }

    /**
     * One op failed inside its savepoint. Logged with the message's key only (its payload may hold whatever
     * a device reported). A failure that would repeat on the same message is final for the sender.
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
        return prune("messages", before, maxRows);
    }

    @Override
    public int pruneTelemetry(Instant before, int maxRows) {
        return prune("telemetry", before, maxRows);
    }

    /** A bounded delete (SQLite has no DELETE ... LIMIT by default, so through rowid), oldest first. */
    private int prune(String table, Instant before, int maxRows) {
        return write("pruning " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM "
                    + table + " WHERE received_at < ? ORDER BY received_at LIMIT ?)")) {
                ps.setLong(1, before.toEpochMilli());
                ps.setInt(2, maxRows);
                return ps.executeUpdate();
            }
        });
    }

    // ---- gateways ----

    @Override
    public Optional<String> gatewaySecretHash(String gatewayId) {
        return read("reading gateway", c -> one(c, "SELECT secret_hash FROM gateways WHERE id = ?", gatewayId));
    }

    @Override
    public boolean createGateway(String gatewayId, String secretHash) {
        return write("registering gateway", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateways (id, secret_hash, online, registered_at) "
                    + "VALUES (?, ?, FALSE, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, gatewayId);
                ps.setString(2, secretHash);
                ps.setLong(3, clock.millis());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void putGatewaySecret(String gatewayId, String secretHash) {
        write("registering gateway", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateways (id, secret_hash, online, registered_at) "
                    + "VALUES (?, ?, FALSE, ?) ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash")) {
                ps.setString(1, gatewayId);
                ps.setString(2, secretHash);
                ps.setLong(3, clock.millis());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<GatewayView> gateways() {
        return read("listing gateways", c -> {
            Map<String, List<GatewayView.DeviceView>> devices = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT gateway_id, id, profile, site, unit, area, online FROM devices ORDER BY gateway_id, id")) {
                while (rs.next()) {
                    boolean on = rs.getBoolean(7);
                    Boolean online = rs.wasNull() ? null : on;
                    devices.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new GatewayView.DeviceView(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), online));
                }
            }
            List<GatewayView> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT g.id, g.online, g.last_seen, g.boot_id, g.software, g.registered_at, "
                            + "b.last_wall - (b.boot_start_hub + b.last_mono) FROM gateways g LEFT JOIN gateway_boots b "
                            + "ON b.gateway_id = g.id AND b.boot_id = g.boot_id ORDER BY g.id")) {
                while (rs.next()) {
                    long seen = rs.getLong(3);
                    Instant lastSeen = rs.wasNull() ? null : Instant.ofEpochMilli(seen);
                    long skew = rs.getLong(7);
                    Long skewMs = rs.wasNull() ? null : skew;
                    out.add(new GatewayView(rs.getString(1), rs.getBoolean(2), lastSeen, rs.getString(4), rs.getString(5),
                            Instant.ofEpochMilli(rs.getLong(6)), skewMs, skewMs != null && bootClocks.beyondTolerance(skewMs),
                            List.copyOf(devices.getOrDefault(rs.getString(1), List.of()))));
                }
            }
            return out;
        });
    }

    // ---- users and tokens ----

    @Override
    public Optional<UserRecord> user(String username) {
        return read("reading user", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, role FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.<UserRecord>empty();
                }
            }
        });
    }

    @Override
    public boolean createUser(String username, String passwordHash, String role) {
        return write("creating user", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, role, created_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
                ps.setString(1, username);
                ps.setString(2, passwordHash);
                ps.setString(3, role);
                ps.setLong(4, clock.millis());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void storeToken(String tokenHash, String username, Instant expiresAt) {
        write("storing token", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens (token_hash, username, expires_at, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, tokenHash);
                ps.setString(2, username);
                ps.setLong(3, expiresAt.toEpochMilli());
                ps.setLong(4, clock.millis());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<TokenSession> tokenSession(String tokenHash, Instant now) {
        return read("reading token", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.role, t.expires_at FROM tokens t "
                    + "JOIN users u ON u.username = t.username WHERE t.token_hash = ? AND t.expires_at > ?")) {
                ps.setString(1, tokenHash);
                ps.setLong(2, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TokenSession(rs.getString(1), rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)))) : Optional.<TokenSession>empty();
                }
            }
        });
    }

    @Override
    public int deleteExpiredTokens(Instant now) {
        return write("deleting expired tokens", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE expires_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    // ---- cases ----

    @Override
    public CasePage cases(CaseQuery query) {
        return read("listing cases", c -> CaseReader.cases(c, query));
    }

    @Override
    public Optional<CaseDetail> caseDetail(long caseId) {
        return read("reading case", c -> CaseReader.detail(c, caseId));
    }

    // ---- health ----

    @Override
    public StoreStats stats() {
        return read("reading stats", c -> {
            String closed = "('" + CaseStage.CLOSED + "', '" + CaseStage.CLOSED_FALSE_ALARM + "')";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                    + "(SELECT COALESCE(MAX(version), 0) FROM schema_version), "
                    + "(SELECT COUNT(*) FROM gateways), (SELECT COUNT(*) FROM gateways WHERE online = TRUE), "
                    + "(SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM alarms), (SELECT COUNT(*) FROM cases), "
                    + "(SELECT COUNT(*) FROM cases WHERE stage NOT IN " + closed + "), "
                    + "(SELECT COUNT(*) FROM telemetry), (SELECT COUNT(*) FROM events)")) {
                rs.next();
                return new StoreStats(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
            }
        });
    }

    private static Optional<String> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        synchronized (writer) {
            if (closed) return;
            closed = true;
            // readers first: the last connection to close checkpoints the WAL, and only the writer can
            closeReaders();
            try {
                writer.close();
            } catch (SQLException e) {
                LOG.warn("closing database connection: {}", e.getMessage());
            }
        }
    }
}
