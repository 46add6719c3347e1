package io.onegrid.outbox;

import io.onegrid.api.Priority;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs inside every outbox transaction (the writer thread only): keeps pending payloads within
 * {@code maxBytes} (oldest telemetry dropped), the quarantine within {@code quarantineMaxBytes} (oldest
 * non-alarms evicted, then oldest alarms), notices when another connection changed the file, and publishes
 * the counters after each commit.
 * <p>
 * Another connection is the quarantine command line, which may replay or drop rows while the gateway runs.
 * {@code PRAGMA data_version} on the writer's own connection changes exactly when some other connection
 * committed, so the counters are recounted then (and only then), and the append listeners are told, so that
 * the uplink sends replayed messages without waiting for the next append.
 */
final class OutboxBounds implements GroupCommitWriter.Hooks {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);

    private final Counters counters;
    private final Runnable onChangedElsewhere;
    private volatile long maxBytes;
    private volatile long quarantineMaxBytes;
    // Writer thread only.
    private long dataVersion;
    private boolean changedElsewhere;
    private final List<QuarantineEvictor.Evicted> evicted = new ArrayList<>();

    /** Call with the writer's connection right after {@code counters} were loaded from it, before any transaction. */
    OutboxBounds(Connection writer, Counters counters, long maxBytes, long quarantineMaxBytes,
                 Runnable onChangedElsewhere) throws SQLException {
        this.dataVersion = dataVersion(writer);
        this.counters = counters;
        this.maxBytes = maxBytes;
        this.quarantineMaxBytes = quarantineMaxBytes;
        this.onChangedElsewhere = onChangedElsewhere;
    }

    long maxBytes() {
        return maxBytes;
    }

    long quarantineMaxBytes() {
        return quarantineMaxBytes;
    }

    /** New bounds apply at the next commit. */
    void set(long newMaxBytes, long newQuarantineMaxBytes) {
        this.maxBytes = newMaxBytes;
        this.quarantineMaxBytes = newQuarantineMaxBytes;
    }

    @Override
    public boolean changedElsewhere(Connection c) throws SQLException {
        return dataVersion(c) != dataVersion;
    }

    @Override
    public void beforeOps(Connection c) throws SQLException {
        long now = dataVersion(c);
        if (now != dataVersion) {
            counters.reload(c);
            changedElsewhere = true;
            dataVersion = now;
        }
    }

    @Override
    public void beforeCommit(Connection c) throws SQLException {
        long excess = counters.bytes - maxBytes;
        if (excess > 0) {
            TelemetryDropper.Result r = TelemetryDropper.dropOldest(c, excess);
            if (r.count() > 0) {
                counters.pending -= r.count();
                counters.bytes -= r.bytes();
                counters.dropped += r.count();
            }
        }
        long quarantineExcess = counters.quarantinedBytes - quarantineMaxBytes;
        if (quarantineExcess > 0) {
            for (QuarantineEvictor.Evicted e : QuarantineEvictor.evictOldest(c, quarantineExcess)) {
                counters.quarantined--;
                counters.quarantinedBytes -= e.bytes();
                counters.evicted++;
                evicted.add(e);
            }
        }
    }

    @Override
    public void committed() {
        boolean over = counters.bytes > maxBytes;
        if (over && !counters.overBound) {
            LOG.warn("outbox holds {} bytes of alarms and events, above its bound of {} bytes: they are kept, never dropped",
                    counters.bytes, maxBytes);
        } else if (!over && counters.overBound) {
            LOG.info("outbox is back within its bound of {} bytes", maxBytes);
        }
        counters.overBound = over;
        counters.publish();
        for (QuarantineEvictor.Evicted e : evicted) {
            // An evicted alarm is lost for good: say so louder than for telemetry.
            String line = "quarantine above its bound of {} bytes: deleted quarantined message {} ({}, {} bytes,"
                    + " set aside because: {}); {} evicted so far";
            Object[] args = {quarantineMaxBytes, e.id(), e.kind(), e.bytes(), e.reason(), counters.evicted};
            if (e.priority() == Priority.ALARM) LOG.error(line, args);
            else LOG.warn(line, args);
        }
        evicted.clear();
        if (changedElsewhere) {
            changedElsewhere = false;
            onChangedElsewhere.run();
        }
    }

    @Override
    public void rolledBack() {
        counters.restore();
        evicted.clear();
        if (changedElsewhere) {
            // The recount is gone with the transaction: recount again at the next one.
            changedElsewhere = false;
            dataVersion = -1;
        }
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
