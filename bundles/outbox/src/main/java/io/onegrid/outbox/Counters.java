package io.onegrid.outbox;

import io.onegrid.api.OutboxStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The outbox's running totals. The writer thread changes the working fields inside a transaction and
 * publishes them after the commit (or restores them after a rollback), so {@link #committed()} always
 * describes what is on disk without counting rows on every call. When another connection changed the file
 * (the quarantine command line), the writer reloads them from the tables ({@link #reload}).
 */
final class Counters {
    long pending;
    long bytes;
    long dropped;
    long quarantined;
    long quarantinedBytes;
    long evicted;
    volatile boolean overBound;
    private volatile OutboxStats committed;

    private Counters() { }

    static Counters load(Connection c) throws SQLException {
        Counters counters = new Counters();
        counters.reload(c);
        counters.publish();
        return counters;
    }

    /** Recounts the working fields from the tables (call inside a transaction for a consistent view). */
    void reload(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(size), 0) FROM outbox")) {
                rs.next();
                pending = rs.getLong(1);
                bytes = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(length(payload)), 0) FROM quarantine")) {
                rs.next();
                quarantined = rs.getLong(1);
                quarantinedBytes = rs.getLong(2);
            }
            dropped = counter(s, OutboxDatabase.DROPPED_TELEMETRY);
            evicted = counter(s, OutboxDatabase.QUARANTINE_EVICTED);
        }
    }

    private static long counter(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM counters WHERE name = '" + name + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    void added(long size) {
        pending++;
        bytes += size;
    }

    void removed(long size) {
        pending--;
        bytes -= size;
    }

    void quarantinedOne(long size) {
        removed(size);
        quarantined++;
        quarantinedBytes += size;
    }

    void publish() {
        committed = new OutboxStats(pending, bytes, dropped, quarantined, quarantinedBytes, evicted);
    }

    void restore() {
        OutboxStats s = committed;
        pending = s.pending();
        bytes = s.pendingBytes();
        dropped = s.droppedTelemetry();
        quarantined = s.quarantined();
        quarantinedBytes = s.quarantinedBytes();
        evicted = s.quarantineEvicted();
    }

    OutboxStats committed() {
        return committed;
    }
}
