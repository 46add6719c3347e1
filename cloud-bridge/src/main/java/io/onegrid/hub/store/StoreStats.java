package io.onegrid.hub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Row counts, for the health endpoint and tests. */
public record StoreStats(int schemaVersion, long gateways, long gatewaysOnline, long messages, long alarms,
                         long cases, long openCases, long telemetry, long events) {

    /** The counts, in one query. */
    static StoreStats read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + "(SELECT COUNT(*) FROM gateways), (SELECT COUNT(*) FROM gateways WHERE online = TRUE), "
                + "(SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM alarms), (SELECT COUNT(*) FROM cases), "
                + "(SELECT COUNT(*) FROM cases WHERE stage NOT IN ('CLOSED', 'FALSE_ALARM')), "
                + "(SELECT COUNT(*) FROM telemetry), (SELECT COUNT(*) FROM events)")) {
            rs.next();
            return new StoreStats(SchemaMigrations.currentVersion(c), rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
        }
    }
}
