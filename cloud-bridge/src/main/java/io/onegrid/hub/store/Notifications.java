package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of {@link NotificationStore}; acknowledgements run inside the caller's transaction. */
final class Notifications {
    private static final String SELECT = "SELECT n.id, n.case_id, c.type, c.severity, c.stage, n.responder_id, n.role, "
            + "n.tier, n.reason, n.state, n.created_at, n.acked_at, c.scope_path FROM notifications n "
            + "JOIN cases c ON c.id = n.case_id WHERE 1 = 1";

    private Notifications() { }

    static List<NotificationRecord> list(Connection c, Scope scope, Set<String> responders, String state, int limit)
            throws SQLException {
        if (responders != null && responders.isEmpty()) return List.of();
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> args = new ArrayList<>();
        CaseReader.scope(sql, args, scope);
        if (responders != null) {
            sql.append(" AND n.responder_id IN (").append("?, ".repeat(responders.size() - 1)).append("?)");
            args.addAll(responders);
        }
        if (state != null) {
            sql.append(" AND n.state = ?");
            args.add(state);
        }
        sql.append(" ORDER BY n.id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(limit, NotificationStore.MAX_LIMIT)));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                List<NotificationRecord> out = new ArrayList<>();
                while (rs.next()) out.add(row(rs));
                return out;
            }
        }
    }

    static NotificationRecord acknowledge(Tx tx, long id, String username, Set<String> responders, Scope scope)
            throws SQLException {
        Optional<Found> found = find(tx.c, id);
        if (found.isEmpty() || !responders.contains(found.get().record().responderId())
                || !scope.contains(found.get().scopePath())) {
            throw new HubException(HubError.NOT_FOUND, "no notification " + id + " for you");
        }
        NotificationRecord n = found.get().record();
        if (NotificationRecord.ACKED.equals(n.state())) return n;
        int changed = Sql.update(tx.c, "UPDATE notifications SET state = ?, acked_at = ? WHERE id = ? AND state = ?",
                NotificationRecord.ACKED, tx.now, id, NotificationRecord.PENDING);
        if (changed == 0) return find(tx.c, id).orElseThrow().record();   // acknowledged meanwhile by another request
        CaseTimeline.append(tx, n.caseId(), username, "acknowledged", "notification " + id + " (" + n.reason() + ") by "
                + n.responderId());
        tx.event("notification", found.get().scopePath(), Tx.object().put("id", id).put("caseId", n.caseId())
                .put("responder", n.responderId()).put("role", n.role()).put("tier", n.tier()).put("reason", n.reason())
                .put("state", NotificationRecord.ACKED));
        return find(tx.c, id).orElseThrow().record();
    }

    /** Acknowledges {@code responders}' pending notifications of a case: accepting a case answers them. */
    static void acknowledgeAllOf(Tx tx, long caseId, Set<String> responders) throws SQLException {
        if (responders.isEmpty()) return;
        List<Object> args = new ArrayList<>(List.of(NotificationRecord.ACKED, tx.now, caseId, NotificationRecord.PENDING));
        args.addAll(responders);
        Sql.update(tx.c, "UPDATE notifications SET state = ?, acked_at = ? WHERE case_id = ? AND state = ? AND "
                + "responder_id IN (" + "?, ".repeat(responders.size() - 1) + "?)", args.toArray());
    }

    private record Found(NotificationRecord record, String scopePath) { }

    private static Optional<Found> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " AND n.id = ?")) {
            Sql.bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Found(row(rs), rs.getString(13))) : Optional.empty();
            }
        }
    }

    private static NotificationRecord row(ResultSet rs) throws SQLException {
        return new NotificationRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                Instant.ofEpochMilli(rs.getLong(11)), Sql.instant(rs, 12));
    }
}
