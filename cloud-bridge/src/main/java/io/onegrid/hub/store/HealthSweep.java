package io.onegrid.hub.store;

import io.onegrid.hub.grid.Grid;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Device health over time: a gateway silent beyond the heartbeat timeout is missing (offline); a gateway or a
 * device offline beyond the grace period gets one device-fault case for the property management of its site.
 * Coming back (birth, health) clears the fault mark, so the next outage files a new case.
 */
final class HealthSweep {
    private final CaseFiling filing;

    HealthSweep(CaseFiling filing) {
        this.filing = filing;
    }

    int run(Tx tx, long missingAfterMs, long faultAfterMs) throws SQLException {
        int changed = 0;
        List<String[]> missing = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT id, scope_path FROM gateways WHERE online = TRUE "
                + "AND last_seen < ?")) {
            ps.setLong(1, tx.now - missingAfterMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) missing.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] g : missing) {
            Sql.update(tx.c, "UPDATE gateways SET online = FALSE, state_since = ? WHERE id = ?", tx.now, g[0]);
            tx.event("gateway", g[1], Tx.object().put("id", g[0]).put("state", "missing")
                    .put("reason", "no message for " + missingAfterMs / 1000 + " s"));
            changed++;
        }
        long before = tx.now - faultAfterMs;
        List<String> gateways = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT id FROM gateways WHERE online = FALSE AND last_seen IS NOT "
                + "NULL AND state_since < ? AND fault_case_id IS NULL")) {
            ps.setLong(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) gateways.add(rs.getString(1));
            }
        }
        for (String gw : gateways) {
            String[] place = firstPlace(tx, "SELECT site, unit, area FROM devices WHERE gateway_id = ? ORDER BY id", gw);
            if (place == null) continue; // declares no device: nothing of the grid is affected
            long caseId = filing.open(tx, new CaseFiling.NewCase("device.gateway-offline", "MAJOR", place[0], null, null,
                    null, tx.now, "system", "gateway " + gw + " offline for more than " + faultAfterMs / 60_000 + " min"));
            Sql.update(tx.c, "UPDATE gateways SET fault_case_id = ? WHERE id = ?", caseId, gw);
            changed++;
        }
        List<String[]> devices = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT d.gateway_id, d.id, d.site, d.unit, d.area FROM devices d "
                + "JOIN gateways g ON g.id = d.gateway_id WHERE g.online = TRUE AND d.online = FALSE AND d.state_since < ? "
                + "AND d.fault_case_id IS NULL")) {
            ps.setLong(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
        }
        for (String[] d : devices) {
            long caseId = filing.open(tx, new CaseFiling.NewCase("device.offline", "MINOR", d[2], d[3], d[4], null, tx.now,
                    "system", "device " + d[0] + "/" + d[1] + " not answering for more than " + faultAfterMs / 60_000 + " min"));
            Sql.update(tx.c, "UPDATE devices SET fault_case_id = ? WHERE gateway_id = ? AND id = ?", caseId, d[0], d[1]);
            changed++;
        }
        return changed;
    }

    private static String[] firstPlace(Tx tx, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
            }
        }
    }

    /** Re-places every case, device and gateway on a new grid (after an import). */
    static void replace(Tx tx, Grid grid) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT DISTINCT site, unit, area FROM cases "
                + "WHERE stage NOT IN ('CLOSED', 'FALSE_ALARM') OR grid_node IS NULL OR scope_path = '/'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
        for (Object[] r : rows) {
            Placement p = Placement.of(grid, (String) r[0], (String) r[1], (String) r[2]);
            Sql.update(tx.c, "UPDATE cases SET grid_node = ?, scope_path = ?, unplaced = ?, owner_tier = CASE WHEN "
                    + "escalation_level = 0 OR owner_tier IS NULL THEN ? ELSE owner_tier END WHERE site = ? AND "
                    + (r[1] == null ? "unit IS NULL" : "unit = ?") + " AND " + (r[2] == null ? "area IS NULL" : "area = ?"),
                    nonNull(p.gridNode(), p.scopePath(), p.unplaced(), p.ownerTier(), r[0], r[1], r[2]));
        }
        List<Object[]> devs = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT gateway_id, id, site, unit, area FROM devices");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) devs.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
        }
        java.util.Map<String, String> gwScope = new java.util.HashMap<>();
        for (Object[] d : devs) {
            Placement p = Placement.of(grid, (String) d[2], (String) d[3], (String) d[4]);
            Sql.update(tx.c, "UPDATE devices SET scope_path = ? WHERE gateway_id = ? AND id = ?", p.scopePath(), d[0], d[1]);
            gwScope.merge((String) d[0], p.scopePath(), IngestApplier::commonPrefix);
        }
        // a claimed gateway is placed at its site as well as by its devices; claims follow their site
        List<String[]> claimed = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT id, site FROM gateways WHERE site IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) claimed.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        for (String[] g : claimed) {
            gwScope.merge(g[0], Placement.of(grid, g[1], null, null).scopePath(), IngestApplier::commonPrefix);
        }
        for (var e : gwScope.entrySet()) {
            Sql.update(tx.c, "UPDATE gateways SET scope_path = ? WHERE id = ?", e.getValue(), e.getKey());
        }
        List<String> sites = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT DISTINCT site FROM claims");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) sites.add(rs.getString(1));
        }
        for (String site : sites) {
            Sql.update(tx.c, "UPDATE claims SET scope_path = ? WHERE site = ?", Placement.of(grid, site, null, null).scopePath(),
                    site);
        }
    }

    /** The arguments without the nulls that the IS NULL conditions replaced. */
    private static Object[] nonNull(Object... a) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) if (i < 5 || a[i] != null) out.add(a[i]);
        return out.toArray();
    }
}
