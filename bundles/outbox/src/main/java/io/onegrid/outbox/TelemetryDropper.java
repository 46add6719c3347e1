package io.onegrid.outbox;

import io.onegrid.api.Priority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Deletes the oldest telemetry until enough bytes are freed, and adds the count to the persisted counter. */
final class TelemetryDropper {
    record Result(long count, long bytes) { }

    private TelemetryDropper() { }

    static Result dropOldest(Connection c, long bytesToFree) throws SQLException {
        long count = 0;
        long freed = 0;
        long lastId = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, size FROM outbox WHERE priority = ? ORDER BY id")) {
            ps.setInt(1, Priority.TELEMETRY.rank());
            try (ResultSet rs = ps.executeQuery()) {
                while (freed < bytesToFree && rs.next()) {
                    lastId = rs.getLong(1);
                    freed += rs.getLong(2);
                    count++;
                }
            }
        }
        if (count == 0) return new Result(0, 0);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE priority = ? AND id <= ?")) {
            ps.setInt(1, Priority.TELEMETRY.rank());
            ps.setLong(2, lastId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE counters SET value = value + ? WHERE name = ?")) {
            ps.setLong(1, count);
            ps.setString(2, OutboxDatabase.DROPPED_TELEMETRY);
            ps.executeUpdate();
        }
        return new Result(count, freed);
    }
}
