package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;

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
        scope(where, args, scope, "c.scope_path");
    }

    private static void scope(StringBuilder where, List<Object> args, Scope scope, String column) {
        if (scope.isAll()) return;
        where.append(" AND ").append(column).append(" >= ? AND ").append(column).append(" < ?");
        args.add(scope.pathPrefix());
        args.add(scope.upperBound());
    }

    /**
     * Has the statements that follow in this read transaction planned for their own parameters. Their best plan
     * depends on how much of the grid a scope covers (a district is every case, a community a hundredth) and on
     * how long a time range is. PostgreSQL's JDBC driver turns a statement run 5 times on one connection into a
     * server-side prepared one, and the server then settles on one generic plan for every scope: with a year
     * of cases that plan was 10 times slower for a community's KPIs than the plan made for its values. The
     * statements stay server-prepared (and so keep the driver's binary transfer, which a million-row KPI
     * range needs); only the plan is made per execution, a fraction of a millisecond. {@code SET LOCAL} ends
     * with the transaction. SQLite plans every statement anew anyway.
     */
    static void planPerExecution(Connection c) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) return;
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    static CasePage cases(Connection c, CaseQuery q) throws SQLException {
        StringBuilder filters = new StringBuilder();
        List<Object> filterArgs = new ArrayList<>();
        if (q.stage() != null) { filters.append(" AND c.stage = ?"); filterArgs.add(q.stage().name()); }
        if (q.site() != null) { filters.append(" AND c.site = ?"); filterArgs.add(q.site()); }
        if (q.unit() != null) { filters.append(" AND c.unit = ?"); filterArgs.add(q.unit()); }
        if (q.type() != null) { filters.append(" AND c.type = ?"); filterArgs.add(q.type()); }
        if (q.unplaced() != null) { filters.append(" AND c.unplaced = ?"); filterArgs.add(q.unplaced()); }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        scope(where, args, q.scope());
        where.append(filters);
        args.addAll(filterArgs);
        planPerExecution(c);
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cases c" + where)) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        if (!q.scope().isAll() && pageInTimeOrder(c, total, q)) {
            // the same condition, written so that no index on scope_path can serve it: the newest-first index
            // (cases_opened) is then the only way to the page, read backwards until the page is full
            where = new StringBuilder(" WHERE 1 = 1");
            args = new ArrayList<>();
            scope(where, args, q.scope(), "(c.scope_path || '')");
            where.append(filters);
            args.addAll(filterArgs);
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

    /**
     * Whether the page is cheaper to find by reading all cases newest first and skipping those outside the
     * scope, than by reading every case of the scope (the scope index) and sorting them. The first way reads
     * about (offset + limit) × all cases ÷ matching cases rows, the second all matching cases: so it wins for a
     * scope that holds a large share of the cases (a district, a street). SQLite has no statistics (the hub runs
     * no ANALYZE) and took the scope index for a district's million cases, sorting them all for 50 rows; the
     * count just made tells the share exactly. Taken only with a 4× margin, because the first way degrades when
     * the scope's cases are all old; with ids assigned in order, MAX(id) bounds the number of cases.
     */
    private static boolean pageInTimeOrder(Connection c, long matching, CaseQuery q) throws SQLException {
        if (matching == 0) return false;
        long all;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM cases"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            all = rs.getLong(1);
        }
        double readInTimeOrder = (double) (q.offset() + q.limit()) * all / matching;
        return readInTimeOrder * 4 <= matching;
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
