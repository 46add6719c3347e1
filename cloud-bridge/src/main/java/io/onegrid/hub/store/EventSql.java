package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The live event log's queries (table hub_events): read after an id in a scope, the newest id, pruning. */
final class EventSql {
    private EventSql() {
    }

    static List<HubEvent> after(Connection c, long afterId, Scope scope, int limit) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(afterId));
        String where = " WHERE id > ?";
        if (!scope.isAll()) {
            where += " AND scope_path >= ? AND scope_path < ?";
            args.add(scope.pathPrefix());
            args.add(scope.upperBound());
        }
        args.add(limit);
        List<HubEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, kind, scope_path, payload FROM hub_events"
                + where + " ORDER BY id LIMIT ?")) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HubEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    static long lastId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM hub_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Deletes at most {@code maxRows} events older than {@code before}. The newest event stays: SQLite gives a new
     * row max(id) + 1, so deleting the last one would hand its id out again, and the webhook cursor and
     * Last-Event-ID rely on ids that only grow.
     */
    static int prune(Connection c, Instant before, int maxRows) throws SQLException {
        return Sql.update(c, "DELETE FROM hub_events WHERE id IN (SELECT id FROM hub_events WHERE at < ? "
                + "AND id < (SELECT MAX(id) FROM hub_events) ORDER BY id LIMIT ?)", before.toEpochMilli(), maxRows);
    }
}
