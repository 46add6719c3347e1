package io.onegrid.outbox;

import io.onegrid.api.OutboxStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The outbox's running totals. The writer thread changes the working fields inside a transaction and
 * publishes them after the commit (or restores them after a rollback), so {@link #committed()} always
 * describes what is on disk without counting rows on every call.
 */
final class Counters {
    long pending;
    long bytes;
    long dropped;
    long quarantined;
    volatile boolean overBound;
    private volatile OutboxStats committed;

    private Counters(long pending, long bytes, long dropped, long quarantined) {
        this.pending = pending;
        this.bytes = bytes;
        this.dropped = dropped;
        this.quarantined = quarantined;
        publish();
    }

    static Counters load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long pending;
            long bytes;
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(size), 0) FROM outbox")) {
                rs.next();
                pending = rs.getLong(1);
                bytes = rs.getLong(2);
            }
            long dropped;
            try (ResultSet rs = s.executeQuery("SELECT value FROM counters WHERE name = '"
                    + OutboxDatabase.DROPPED_TELEMETRY + "'")) {
                dropped = rs.next() ? rs.getLong(1) : 0;
            }
            long quarantined;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM quarantine")) {
                rs.next();
                quarantined = rs.getLong(1);
            }
            return new Counters(pending, bytes, dropped, quarantined);
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

    void publish() {
        committed = new OutboxStats(pending, bytes, dropped, quarantined);
    }

    void restore() {
        OutboxStats s = committed;
        pending = s.pending();
        bytes = s.pendingBytes();
        dropped = s.droppedTelemetry();
        quarantined = s.quarantined();
    }

    OutboxStats committed() {
        return committed;
    }
}
