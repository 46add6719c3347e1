package io.onegrid.outbox;

import io.onegrid.api.Priority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the quarantine within its byte bound: deletes the oldest (lowest id) quarantined non-alarms first,
 * then the oldest alarms, until enough bytes are freed, and adds the count to the persisted counter. Alarms
 * go last because an alarm is what the hub most needs to see, even set aside; but a bound that alarms could
 * break would let a hub that refuses every alarm fill the SD card.
 */
final class QuarantineEvictor {
    /** One deleted row, for the log line written after the commit. */
    record Evicted(long id, Priority priority, String kind, long bytes, String reason) { }

    private QuarantineEvictor() { }

    static List<Evicted> evictOldest(Connection c, long bytesToFree) throws SQLException {
        List<Evicted> out = new ArrayList<>();
        long freed = 0;
        // (priority = ALARM) is 0 for non-alarms and 1 for alarms: non-alarms sort first.
        try (PreparedStatement ps = c.prepareStatement("SELECT id, priority, kind, length(payload), reason FROM quarantine"
                + " ORDER BY (priority = ?), id")) {
            ps.setInt(1, Priority.ALARM.rank());
            try (ResultSet rs = ps.executeQuery()) {
                while (freed < bytesToFree && rs.next()) {
                    Evicted e = new Evicted(rs.getLong(1), SqliteOutbox.priorityOf(rs.getInt(2)), rs.getString(3),
                            rs.getLong(4), rs.getString(5));
                    out.add(e);
                    freed += e.bytes();
                }
            }
        }
        if (out.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
            for (Evicted e : out) {
                ps.setLong(1, e.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE counters SET value = value + ? WHERE name = ?")) {
            ps.setLong(1, out.size());
            ps.setString(2, OutboxDatabase.QUARANTINE_EVICTED);
            ps.executeUpdate();
        }
        return out;
    }
}
