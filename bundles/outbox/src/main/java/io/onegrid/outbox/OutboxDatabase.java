package io.onegrid.outbox;

import io.onegrid.api.OutboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens connections to the outbox file and keeps its schema. WAL journal so readers never block the
 * writer; {@code synchronous=FULL} so a commit is on the disk when append returns, which survives a power
 * cut (the gateway's usual crash), not only a killed process; group commit pays that fsync once per batch.
 * Transactions are explicit BEGIN IMMEDIATE ... COMMIT on an auto-commit connection.
 * Connections come from {@link SQLiteDataSource}, never {@code DriverManager}, which cannot see drivers
 * of other bundles inside OSGi.
 */
final class OutboxDatabase {
    static final int SCHEMA_VERSION = 1;
    static final int BUSY_TIMEOUT_MS = 5000;
    static final String DROPPED_TELEMETRY = "dropped_telemetry";
    /** Quarantined messages deleted to keep the quarantine's byte bound. */
    static final String QUARANTINE_EVICTED = "quarantine_evicted";

    private OutboxDatabase() { }

    static Connection open(Path path, boolean writer) throws OutboxException {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new OutboxException(OutboxException.Code.IO, "cannot create the folder of outbox " + path + ": " + e, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + path.toAbsolutePath());
        try {
            Connection c = ds.getConnection();
            if (writer) migrate(c);
            return c;
        } catch (SQLException e) {
            throw SqliteErrors.map("cannot open outbox " + path, e);
        }
    }

    private static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                createTables(s);
                s.execute("COMMIT");
            } catch (SQLException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static void createTables(Statement s) throws SQLException {
        int version;
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
            throw new SQLException("outbox file has schema version " + version + ", newer than this gateway's "
                    + SCHEMA_VERSION + ": refusing to touch it");
        }
        {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS outbox ("
                    + " id INTEGER PRIMARY KEY AUTOINCREMENT," // never reused: an uplink may still hold an old id
                    + " priority INTEGER NOT NULL, kind TEXT NOT NULL, payload BLOB NOT NULL,"
                    + " size INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, enqueued_wall_ms INTEGER NOT NULL)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS outbox_order ON outbox (priority, id)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS quarantine ("
                    + " id INTEGER PRIMARY KEY, priority INTEGER NOT NULL, kind TEXT NOT NULL, payload BLOB NOT NULL,"
                    + " attempts INTEGER NOT NULL, enqueued_wall_ms INTEGER NOT NULL,"
                    + " quarantined_wall_ms INTEGER NOT NULL, reason TEXT NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.executeUpdate("INSERT OR IGNORE INTO counters (name, value) VALUES ('" + DROPPED_TELEMETRY + "', 0)");
            // A counter row, not a schema change: files of schema 1 without it get it here, no version bump.
            s.executeUpdate("INSERT OR IGNORE INTO counters (name, value) VALUES ('" + QUARANTINE_EVICTED + "', 0)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS active_alarms ("
                    + " alarm_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, rule_id TEXT NOT NULL,"
                    + " raised_wall_ms INTEGER NOT NULL, raised_mono_ms INTEGER NOT NULL, severity TEXT NOT NULL)");
            s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }
}
