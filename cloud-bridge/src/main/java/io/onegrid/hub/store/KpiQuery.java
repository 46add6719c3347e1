package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * KPIs over the cases filed in a subtree within [from, to), with the digital urban-management formulas:
 * closure rate = closed ÷ due, on-time closure rate = closed on time ÷ due, rework rate = reworked ÷ closed,
 * false-alarm rate = false alarms ÷ filed. A case is due when it is closed or its resolve deadline has passed;
 * false alarms are neither due nor closed (they were not real cases). One pass over the range's rows.
 */
final class KpiQuery {
    private KpiQuery() { }

    static Kpis run(Connection c, String node, Scope scope, Instant from, Instant to, Instant now) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE c.opened_at >= ? AND c.opened_at < ?");
        List<Object> args = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
        CaseReader.scope(where, args, scope);
        long filed = 0, due = 0, closed = 0, onTime = 0, reworked = 0, falseAlarms = 0;
        Samples dispatch = new Samples(), accept = new Samples(), resolve = new Samples(), close = new Samples();
        long nowMs = now.toEpochMilli();
        CaseReader.planPerExecution(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT c.stage, c.opened_at, c.dispatched_at, c.accepted_at, "
                + "c.resolved_at, c.closed_at, c.resolve_due, c.breaches, c.rework_count FROM cases c" + where)) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    filed++;
                    String stage = rs.getString(1);
                    long opened = rs.getLong(2);
                    Long dispatched = Sql.longOrNull(rs, 3);
                    Long accepted = Sql.longOrNull(rs, 4);
                    Long resolved = Sql.longOrNull(rs, 5);
                    Long closedAt = Sql.longOrNull(rs, 6);
                    Long resolveDue = Sql.longOrNull(rs, 7);
                    int breaches = rs.getInt(8);
                    if ("FALSE_ALARM".equals(stage)) {
                        falseAlarms++;
                        continue;
                    }
                    boolean isClosed = "CLOSED".equals(stage);
                    if (isClosed || resolveDue != null && resolveDue <= nowMs) due++;
                    if (isClosed) {
                        closed++;
                        if ((breaches & CaseActions.BREACH_RESOLVE) == 0) onTime++;
                        if (rs.getInt(9) > 0) reworked++;
                    }
                    if (dispatched != null) dispatch.add(dispatched - opened);
                    if (accepted != null && dispatched != null) accept.add(accepted - dispatched);
                    if (resolved != null) resolve.add(resolved - opened);
                    if (closedAt != null && isClosed) close.add(closedAt - opened);
                }
            }
        }
        long devices = 0, online = 0;
        StringBuilder dw = new StringBuilder(" WHERE 1 = 1");
        List<Object> dargs = new ArrayList<>();
        if (!scope.isAll()) {
            dw.append(" AND scope_path >= ? AND scope_path < ?");
            dargs.add(scope.pathPrefix());
            dargs.add(scope.upperBound());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN online = TRUE THEN 1 ELSE 0 END) "
                + "FROM devices" + dw)) {
            Sql.bind(ps, dargs.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                devices = rs.getLong(1);
                online = rs.getLong(2);
            }
        }
        return new Kpis(node, from, to, filed, due, closed, onTime, reworked, falseAlarms, ratio(closed, due),
                ratio(onTime, due), ratio(reworked, closed), ratio(falseAlarms, filed), dispatch.percentiles(),
                accept.percentiles(), resolve.percentiles(), close.percentiles(), devices, online, ratio(online, devices));
    }

    private static Double ratio(long a, long b) {
        return b == 0 ? null : (double) a / b;
    }

    /** Durations in ms; percentiles by the nearest-rank method, reported in seconds. */
    private static final class Samples {
        private long[] v = new long[64];
        private int n;

        void add(long ms) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = Math.max(0, ms);
        }

        Kpis.Percentiles percentiles() {
            if (n == 0) return new Kpis.Percentiles(0, null, null);
            long[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            return new Kpis.Percentiles(n, rank(s, 0.5), rank(s, 0.9));
        }

        private static double rank(long[] s, double p) {
            int i = (int) Math.ceil(p * s.length) - 1;
            return s[Math.max(0, Math.min(s.length - 1, i))] / 1000.0;
        }
    }
}
