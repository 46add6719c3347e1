package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side of the device registry, scoped. */
final class RegistrySql {
    private RegistrySql() { }

    private static String scoped(String alias, Scope scope, List<Object> args) {
        if (scope.isAll()) return " WHERE 1 = 1";
        args.add(scope.pathPrefix());
        args.add(scope.upperBound());
        return " WHERE " + alias + ".scope_path >= ? AND " + alias + ".scope_path < ?";
    }

    static List<GatewayView.DeviceView> devices(Connection c, Scope scope, String gatewayId) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = scoped("d", scope, args);
        if (gatewayId != null) {
            where += " AND d.gateway_id = ?";
            args.add(gatewayId);
        }
        List<GatewayView.DeviceView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT d.gateway_id, d.id, d.profile, d.site, d.unit, d.area, "
                + "d.online, d.state_since, d.scope_path, d.last_values, d.last_values_at, d.comm_state, "
                + "d.last_reading_age_ms, d.health_at, d.commissioned_at FROM devices d" + where + " ORDER BY d.gateway_id, d.id")) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean on = rs.getBoolean(7);
                    Boolean online = rs.wasNull() ? null : on;
                    Instant healthAt = Sql.instant(rs, 14);
                    out.add(new GatewayView.DeviceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), online, Sql.instant(rs, 8), rs.getString(9),
                            rs.getString(10), Sql.instant(rs, 11), healthAt == null ? null
                            : new GatewayView.DeviceHeartbeat(rs.getString(12), Sql.longOrNull(rs, 13), healthAt),
                            Sql.instant(rs, 15)));
                }
            }
        }
        return out;
    }

    /** Columns 13..22 of the gateway query: the latest heartbeat, or null before the first. */
    private static GatewayView.Heartbeat heartbeat(ResultSet rs) throws SQLException {
        Instant at = Sql.instant(rs, 13);
        if (at == null) return null;
        return new GatewayView.Heartbeat(at, Sql.longOrNull(rs, 14), Sql.longOrNull(rs, 15), Sql.longOrNull(rs, 16),
                Sql.longOrNull(rs, 17), Sql.longOrNull(rs, 18), Sql.longOrNull(rs, 19), Sql.longOrNull(rs, 20),
                Sql.longOrNull(rs, 21), rs.getString(22));
    }

    static List<GatewayView> gateways(Connection c, Scope scope, String gatewayId, BootClocks clocks, long now,
                                      long missingAfterMs) throws SQLException {
        Map<String, List<GatewayView.DeviceView>> devices = new LinkedHashMap<>();
        for (GatewayView.DeviceView d : devices(c, Scope.ALL, gatewayId)) {
            devices.computeIfAbsent(d.gatewayId(), k -> new ArrayList<>()).add(d);
        }
        List<Object> args = new ArrayList<>();
        String where = scoped("g", scope, args);
        if (gatewayId != null) {
            where += " AND g.id = ?";
            args.add(gatewayId);
        }
        List<GatewayView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.id, g.online, g.last_seen, g.boot_id, g.software, "
                + "g.registered_at, b.last_wall - (b.boot_start_hub + b.last_mono), g.state_since, g.scope_path, "
                + "g.received, g.duplicates, g.rejected, g.health_at, g.uptime_ms, g.outbox_pending, g.outbox_dropped, "
                + "g.outbox_quarantined, g.outbox_quarantined_bytes, g.outbox_quarantine_evicted, g.outbox_oldest_age_ms, "
                + "g.health_wall - g.health_at, g.clock_sync, g.site FROM gateways g LEFT JOIN gateway_boots b ON b.gateway_id = g.id AND b.boot_id = g.boot_id" + where
                + " ORDER BY g.id")) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long skew = Sql.longOrNull(rs, 7);
                    boolean online = rs.getBoolean(2);
                    var lastSeen = Sql.instant(rs, 3);
                    String state = online ? (lastSeen != null && now - lastSeen.toEpochMilli() > missingAfterMs
                            ? "missing" : "online") : (lastSeen == null ? "never-seen" : "offline");
                    out.add(new GatewayView(rs.getString(1), online && !state.equals("missing"), state, Sql.instant(rs, 8),
                            lastSeen, rs.getString(4), rs.getString(5), Sql.instant(rs, 6), skew,
                            skew != null && clocks.beyondTolerance(skew), rs.getString(9), rs.getLong(10), rs.getLong(11),
                            rs.getLong(12), heartbeat(rs), List.copyOf(devices.getOrDefault(rs.getString(1), List.of())), rs.getString(23)));
                }
            }
        }
        return out;
    }
}
