package io.onegrid.outbox;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The SQL on the outbox's tables, one statement per method, so {@link SqliteOutbox} keeps only the life cycle. */
final class OutboxRows {
    private OutboxRows() { }

    /** Inserts a pending message; returns its id. */
    static long insert(Connection c, OutboundMessage m, long wallMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (priority, kind, payload, size, enqueued_wall_ms)"
                + " VALUES (?,?,?,?,?)")) {
            ps.setInt(1, m.priority().rank());
            ps.setString(2, m.kind());
            ps.setBytes(3, m.payload());
            ps.setLong(4, m.payload().length);
            ps.setLong(5, wallMs);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Payload size of a pending message, or -1 when it is not (or no longer) pending. */
    static long sizeOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT size FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /**
     * When the pending message stored first was stored (wall ms), or null when none is pending. By id, not by time:
     * ids follow the order of storing, wall times do not when the clock was stepped; the lookup is on the key.
     */
    static Long oldestEnqueuedWallMs(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT enqueued_wall_ms FROM outbox ORDER BY id LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Copies a pending row with its reason into the quarantine table, then deletes it from the outbox. */
    static void moveToQuarantine(Connection c, long id, long wallMs, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO quarantine (id, priority, kind, payload,"
                + " attempts, enqueued_wall_ms, quarantined_wall_ms, reason) SELECT id, priority, kind, payload,"
                + " attempts, enqueued_wall_ms, ?, ? FROM outbox WHERE id = ?")) {
            ps.setLong(1, wallMs);
            ps.setString(2, reason);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        delete(c, id);
    }

    static void countAttempt(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Pending messages in sending order (priority, then id), skipping {@code skip}, at most {@code max}. */
    static List<StoredMessage> next(Connection c, int max, Set<Long> skip, int limit) throws SQLException {
        List<StoredMessage> out = new ArrayList<>(Math.min(max, 256));
        try (PreparedStatement ps = c.prepareStatement("SELECT id, priority, kind, payload, attempts,"
                + " enqueued_wall_ms FROM outbox ORDER BY priority, id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < max) {
                    long id = rs.getLong(1);
                    if (skip.contains(id)) continue;
                    out.add(new StoredMessage(id, SqliteOutbox.priorityOf(rs.getInt(2)), rs.getString(3), rs.getBytes(4),
                            rs.getInt(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    /** The alarm-state half of {@code AlarmStateStore.record}: insert on raise, delete on clear. */
    static void recordState(Connection c, AlarmTransition t) throws SQLException {
        if (t.raised()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO active_alarms"
                    + " (alarm_id, device_id, rule_id, raised_wall_ms, raised_mono_ms, severity) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, t.alarmId());
                ps.setString(2, t.deviceId());
                ps.setString(3, t.ruleId());
                ps.setLong(4, t.raisedWallMs());
                ps.setLong(5, t.raisedMonoMs());
                ps.setString(6, Objects.requireNonNullElse(t.severity(), ""));
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM active_alarms WHERE alarm_id = ?")) {
                ps.setString(1, t.alarmId());
                ps.executeUpdate();
            }
        }
    }

    static List<ActiveAlarm> active(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT alarm_id, device_id, rule_id, raised_wall_ms,"
                + " raised_mono_ms, severity FROM active_alarms ORDER BY raised_wall_ms, alarm_id");
             ResultSet rs = ps.executeQuery()) {
            List<ActiveAlarm> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ActiveAlarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6)));
            }
            return out;
        }
    }
}
