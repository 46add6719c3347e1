package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseStage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read-side queries over cases. */
final class CaseReader {
    private static final String SUMMARY_COLUMNS = "c.id, c.type, c.severity, c.stage, c.site, c.unit, c.area, c.grid_node, "
            + "c.opened_at, c.updated_at, (SELECT COUNT(*) FROM case_alarms ca WHERE ca.case_id = c.id)";

    private CaseReader() { }

    static CasePage cases(Connection c, CaseQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (q.stage() != null) { where.append(" AND c.stage = ?"); args.add(q.stage().name()); }
        if (q.site() != null) { where.append(" AND c.site = ?"); args.add(q.site()); }
        if (q.unit() != null) { where.append(" AND c.unit = ?"); args.add(q.unit()); }
        if (q.type() != null) { where.append(" AND c.type = ?"); args.add(q.type()); }
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cases c" + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<CaseSummary> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM cases c" + where
                + " ORDER BY c.opened_at DESC, c.id DESC LIMIT ? OFFSET ?")) {
            int i = bind(ps, args);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) items.add(summary(rs));
            }
        }
        return new CasePage(items, total, q.limit(), q.offset());
    }

    static Optional<CaseDetail> detail(Connection c, long id) throws SQLException {
        CaseSummary s;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM cases c WHERE c.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                s = summary(rs);
            }
        }
        List<CaseDetail.AlarmView> alarms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.gateway_id, a.alarm_id, a.device_id, a.rule_id, "
                + "a.severity, a.case_type, a.site, a.unit, a.area, a.raised_wall, a.raised_mono, a.received_at, "
                + "a.cleared_at, a.message, a.readings, a.raised_at, a.raised_corrected FROM alarms a JOIN case_alarms ca ON ca.alarm_ref = a.id "
                + "WHERE ca.case_id = ? ORDER BY a.id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long cleared = rs.getLong(14);
                    Instant clearedAt = rs.wasNull() ? null : Instant.ofEpochMilli(cleared);
                    long raised = rs.getLong(17);
                    Instant raisedAt = rs.wasNull() ? null : Instant.ofEpochMilli(raised);
                    alarms.add(new CaseDetail.AlarmView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getLong(11), rs.getLong(12), raisedAt, rs.getBoolean(18),
                            Instant.ofEpochMilli(rs.getLong(13)),
                            clearedAt, rs.getString(15), rs.getString(16)));
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
        return Optional.of(new CaseDetail(s, alarms, timeline));
    }

    private static CaseSummary summary(ResultSet rs) throws SQLException {
        return new CaseSummary(rs.getLong(1), rs.getString(2), rs.getString(3), CaseStage.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)),
                Instant.ofEpochMilli(rs.getLong(10)), rs.getInt(11));
    }

    private static int bind(PreparedStatement ps, List<String> args) throws SQLException {
        int i = 1;
        for (String a : args) ps.setString(i++, a);
        return i;
    }
}
