package io.onegrid.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The telemetry query behind {@link TelemetryStore}; it walks the (gateway, device, channel, wall) index. */
final class TelemetrySql {
    private TelemetrySql() {
    }

    static List<TelemetryStore.StoredReading> readings(Connection c, String gatewayId, String deviceId, String channel,
                                                       long fromWallMs, long toWallMs, int limit) throws SQLException {
        List<TelemetryStore.StoredReading> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT wall, value_num, value_bool, value_text, unit, quality "
                + "FROM telemetry WHERE gateway_id = ? AND device_id = ? AND channel = ? AND wall >= ? AND wall < ? "
                + "ORDER BY wall LIMIT ?")) {
            Sql.bind(ps, gatewayId, deviceId, channel, fromWallMs, toWallMs,
                    Math.max(1, Math.min(limit, TelemetryStore.MAX_READINGS)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object value = rs.getObject(2) != null ? (Object) rs.getDouble(2)
                            : rs.getObject(3) != null ? (Object) rs.getBoolean(3) : rs.getString(4);
                    out.add(new TelemetryStore.StoredReading(rs.getLong(1), value, rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}
