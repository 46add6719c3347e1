package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read-side queries over cases; every one is bounded by a {@link Scope}. */
final class CaseReader {
    static final String COLUMNS = "c.id, c.type, c.severity, c.stage, c.site, c.unit, c.area, c.grid_node, c.scope_path, "
            + "c.unplaced, c.owner_tier, c.escalation_level, c.assignee_user, c.assignee_team, c.version, c.confirmed, "
            + "c.source_count, c.resident_id, c.opened_at, c.updated_at, c.dispatch_due, c.accept_due, c.resolve_due, "
            + "c.closed_at, (SELECT COUNT(*) FROM case_alarms ca WHERE ca.case_id = c.id), c.rework_count, c.outcome, "
            + "c.false_alarm_reason";

    private CaseReader() { }

    /** Appends the scope condition and returns its two parameters. */
    static void scope(StringBuilder where, List<Object> args, Scope scope) {
        if (scope.isAll()) return;
        where.append(" AND c.scope_path >= ? AND c.scope_path < ?");
        args.add(scope.pathPrefix());
        args.add(scope.upperBound());
    }

    static CasePage cases(Connection c, CaseQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        scope(where, args, q.scope());
        if (q.stage() != null) { where.append(" AND c.stage = ?"); args.add(q.stage().name()); }
        if (q.site() != null) { where.append(" AND c.site = ?"); args.add(q.site()); }
        if (q.unit() != null) { where.append(" AND c.unit = ?"); args.add(q.unit()); }
        if (q.type() != null) { where.append(" AND c.type = ?"); args.add(q.type()); }
        if (q.unplaced() != null) { where.append(" AND c.unplaced = ?"); args.add(q.unplaced()); }
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cases c" + where)) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<CaseSummary> items = new ArrayList<>();
        args.add(q.limit());
        args.add(q.offset());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cases c" + where
                + " ORDER BY c.opened_at DESC, c.id DESC LIMIT ? OFFSET ?")) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) items.add(summary(rs));
            }
        }
        return new CasePage(items, total, q.limit(), q.offset());
    }

    static Optional<CaseSummary> summary(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cases c WHERE c.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    static Optional<CaseDetail> detail(Connection c, long id, Scope scope) throws SQLException {
        Optional<CaseSummary> found = summary(c, id);
        if (found.isEmpty() || !scope.contains(found.get().scopePath())) return Optional.empty();
        CaseSummary s = found.get();
        List<CaseDetail.AlarmView> alarms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.gateway_id, a.alarm_id, a.device_id, a.rule_id, "
                + "a.severity, a.case_type, a.site, a.unit, a.area, a.raised_wall, a.raised_mono, a.received_at, "
                + "a.cleared_at, a.message, a.readings, a.raised_at, a.raised_corrected FROM alarms a JOIN case_alarms ca "
                + "ON ca.alarm_ref = a.id WHERE ca.case_id = ? ORDER BY a.id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alarms.add(new CaseDetail.AlarmView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getLong(11), rs.getLong(12), Sql.instant(rs, 17), rs.getBoolean(18),
                            Instant.ofEpochMilli(rs.getLong(13)), Sql.instant(rs, 14), rs.getString(15), rs.getString(16)));
                }
            }
        }
        List<CaseDetail.TimelineEntry> timeline = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT at, actor, action, detail FROM case_timeline WHERE case_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    timeline.add(new CaseDetail.TimelineEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                            rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<CaseDetail.NotificationView> notes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, responder_id, role, tier, reason, state, created_at, "
                + "acked_at FROM notifications WHERE case_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    notes.add(new CaseDetail.NotificationView(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), Sql.instant(rs, 7), Sql.instant(rs, 8)));
                }
            }
        }
        return Optional.of(new CaseDetail(s, alarms, timeline, notes));
    }

    static CaseSummary summary(ResultSet rs) throws SQLException {
        return new CaseSummary(rs.getLong(1), rs.getString(2), rs.getString(3), CaseStage.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                rs.getString(11), rs.getInt(12), rs.getString(13), rs.getString(14), rs.getInt(15), rs.getBoolean(16),
                rs.getInt(17), rs.getString(18), Sql.instant(rs, 19), Sql.instant(rs, 20), Sql.instant(rs, 21),
                Sql.instant(rs, 22), Sql.instant(rs, 23), Sql.instant(rs, 24), rs.getInt(25), rs.getInt(26),
                rs.getString(27), rs.getString(28));
    }
}
