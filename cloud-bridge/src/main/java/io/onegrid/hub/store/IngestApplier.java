package io.onegrid.hub.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onegrid.hub.grid.Grid;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.WireReading;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Applies one {@link StoreOp} inside the caller's transaction. */
final class IngestApplier {
    private final AlarmRows alarms;
    private final Json json;
    private final BootClocks clocks;
    private final Supplier<Grid> grid;

    IngestApplier(AlarmRows alarms, Json json, BootClocks clocks, Supplier<Grid> grid) {
        this.alarms = alarms;
        this.json = json;
        this.clocks = clocks;
        this.grid = grid;
    }

    IngestResult apply(Tx tx, StoreOp op) throws SQLException {
        if (op instanceof StoreOp.Disconnected d) {
            offline(tx, d.gatewayId(), null, "disconnected: " + d.reason());
            return IngestResult.STORED;
        }
        Envelope e = ((StoreOp.Ingest) op).envelope();
        if (e.kind().sequenced() && !firstDelivery(tx, e)) {
            Sql.update(tx.c, "UPDATE gateways SET received = received + 1, duplicates = duplicates + 1 WHERE id = ?",
                    e.gatewayId());
            return IngestResult.DUPLICATE;
        }
        BootClock clock = clocks.observe(tx.c, e, tx.now);
        Body b = e.body();
        if (b instanceof Body.Birth birth) {
            birth(tx, e, birth);
        } else if (b instanceof Body.Death death) {
            offline(tx, e.gatewayId(), e.bootId(), "will message: " + death.reason());
        } else {
            Sql.update(tx.c, "UPDATE gateways SET last_seen = ?, received = received + 1 WHERE id = ?", tx.now, e.gatewayId());
            if (b instanceof Body.Health h) {
                health(tx, e, h);
            } else if (b instanceof Body.Telemetry t) {
                telemetry(tx, e, t);
            } else if (b instanceof Body.Alarm a) {
                alarms.onAlarm(tx, e, a, clock);
            } else if (b instanceof Body.Event ev) {
                event(tx, e, ev, clock);
            }
        }
        return IngestResult.STORED;
    }

    /** Offline from a will message or a lost connection; a death from an older boot must not take down its successor. */
    private static void offline(Tx tx, String gatewayId, String bootId, String why) throws SQLException {
        String scope = null;
        try (PreparedStatement ps = tx.c.prepareStatement("UPDATE gateways SET online = FALSE, last_seen = ?, "
                + "state_since = CASE WHEN online THEN ? ELSE state_since END WHERE id = ? AND online = TRUE"
                + (bootId == null ? "" : " AND (boot_id IS NULL OR boot_id = ?)") + " RETURNING scope_path")) {
            if (bootId == null) Sql.bind(ps, tx.now, tx.now, gatewayId); else Sql.bind(ps, tx.now, tx.now, gatewayId, bootId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) scope = rs.getString(1);
            }
        }
        if (scope != null) {
            tx.event("gateway", scope, Tx.object().put("id", gatewayId).put("state", "offline").put("reason", why));
        }
    }

    /** Records (gateway, boot, seq); false if it was recorded before. */
    private static boolean firstDelivery(Tx tx, Envelope e) throws SQLException {
        return Sql.update(tx.c, "INSERT INTO messages (gateway_id, boot_id, seq, kind, received_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (gateway_id, boot_id, seq) DO NOTHING",
                e.gatewayId(), e.bootId(), e.seq(), e.kind().wireName(), tx.now) == 1;
    }

    private void birth(Tx tx, Envelope e, Body.Birth b) throws SQLException {
        Grid g = grid.get();
        String gatewayScope = null;
        // The birth lists every device the gateway serves now, and comes after every reconnect: a device it names
        // again keeps what the hub knows of it (online state, last values), which a re-sent reading could not
        // bring back (the hub drops it as a duplicate); only devices it no longer names are forgotten.
        forgetUndeclared(tx, e.gatewayId(), b.devices());
        try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO devices (gateway_id, id, profile, site, unit, area, "
                + "online, declared_at, scope_path, state_since) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?) "
                + "ON CONFLICT (gateway_id, id) DO UPDATE SET profile = excluded.profile, site = excluded.site, "
                + "unit = excluded.unit, area = excluded.area, declared_at = excluded.declared_at, "
                + "scope_path = excluded.scope_path")) {
            for (Body.DeclaredDevice d : b.devices()) {
                Placement p = Placement.of(g, d.location().site(), d.location().unit(), d.location().area());
                gatewayScope = commonPrefix(gatewayScope, p.scopePath());
                Sql.bind(ps, e.gatewayId(), d.id(), d.profile(), d.location().site(), d.location().unit(),
                        d.location().area(), tx.now, p.scopePath(), tx.now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        String claimed = claimedSite(tx, e.gatewayId());
        if (claimed != null) {
            // placed at the site it was claimed for, widened only by devices it serves elsewhere
            gatewayScope = commonPrefix(gatewayScope, Placement.of(g, claimed, null, null).scopePath());
        }
        if (gatewayScope == null) gatewayScope = g.path(g.district().id()).orElseThrow();
        Sql.update(tx.c, "UPDATE gateways SET online = TRUE, last_seen = ?, boot_id = ?, software = ?, scope_path = ?, "
                + "received = received + 1, fault_case_id = NULL, state_since = CASE WHEN online THEN state_since ELSE ? END WHERE id = ?",
                tx.now, e.bootId(), b.software(), gatewayScope, tx.now, e.gatewayId());
        tx.event("gateway", gatewayScope, Tx.object().put("id", e.gatewayId()).put("state", "online")
                .put("devices", b.devices().size()));
    }

    private static String claimedSite(Tx tx, String gatewayId) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT site FROM gateways WHERE id = ?")) {
            ps.setString(1, gatewayId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void forgetUndeclared(Tx tx, String gatewayId, java.util.List<Body.DeclaredDevice> declared)
            throws SQLException {
        java.util.Set<String> keep = new java.util.HashSet<>();
        declared.forEach(d -> keep.add(d.id()));
        java.util.List<String> gone = new java.util.ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT id FROM devices WHERE gateway_id = ?")) {
            ps.setString(1, gatewayId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) if (!keep.contains(rs.getString(1))) gone.add(rs.getString(1));
            }
        }
        for (String id : gone) Sql.update(tx.c, "DELETE FROM devices WHERE gateway_id = ? AND id = ?", gatewayId, id);
    }

    /** The deepest path two paths share, ending in '/'. */
    static String commonPrefix(String a, String b) {
        if (a == null) return b;
        int i = 0;
        int lastSlash = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            if (a.charAt(i) == '/') lastSlash = i;
            i++;
        }
        return a.substring(0, lastSlash + 1);
    }

    /**
     * Keeps the heartbeat: the gateway's figures and clock at sending, and per device its state and reading age,
     * written every time (it is the latest). The live stream hears of a device only when it goes on- or offline:
     * its {@code state_since} moves to this transaction's time exactly then.
     */
    private static void health(Tx tx, Envelope e, Body.Health h) throws SQLException {
        Sql.update(tx.c, "UPDATE gateways SET online = TRUE, last_seen = ?, outbox_pending = ?, outbox_dropped = ?, "
                        + "outbox_quarantined = ?, outbox_quarantined_bytes = ?, outbox_quarantine_evicted = ?, "
                        + "outbox_oldest_age_ms = ?, uptime_ms = ?, health_at = ?, health_wall = ?, clock_sync = ?, "
                        + "state_since = CASE WHEN online THEN state_since ELSE ? END WHERE id = ?",
                tx.now, h.outboxPending(), h.outboxDropped(), h.outboxQuarantined(), h.outboxQuarantinedBytes(),
                h.outboxQuarantineEvicted(), h.outboxOldestAgeMs(), h.uptimeMs(), tx.now, e.ts().wallMs(),
                wire(h.clockSync()), tx.now, e.gatewayId());
        for (Body.DeviceStatus s : h.devices()) {
            String scope = null;
            try (PreparedStatement ps = tx.c.prepareStatement("UPDATE devices SET comm_state = ?, last_reading_age_ms = ?, "
                    + "health_at = ?, online = ?, "
                    + "state_since = CASE WHEN online IS NULL OR online <> ? THEN ? ELSE state_since END, "
                    + "fault_case_id = CASE WHEN online = FALSE AND ? THEN NULL ELSE fault_case_id END "
                    + "WHERE gateway_id = ? AND id = ? RETURNING scope_path, state_since")) {
                Sql.bind(ps, wire(s.state()), s.lastReadingAgeMs(), tx.now, s.online(), s.online(), tx.now, s.online(),
                        e.gatewayId(), s.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(2) == tx.now) scope = rs.getString(1);
                }
            }
            if (scope != null) {
                tx.event("device", scope, Tx.object().put("gateway", e.gatewayId()).put("id", s.id())
                        .put("online", s.online()).put("comm", wire(s.state())));
            }
        }
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private void telemetry(Tx tx, Envelope e, Body.Telemetry t) throws SQLException {
        Map<String, ObjectNode> latest = new LinkedHashMap<>();
        try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO telemetry (gateway_id, device_id, channel, value_num, "
                + "value_bool, value_text, unit, quality, boot_id, wall, mono, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (WireReading r : t.readings()) {
                ps.setString(1, e.gatewayId());
                ps.setString(2, r.device());
                ps.setString(3, r.channel());
                Object v = r.value();
                if (v instanceof Double d) ps.setDouble(4, d); else ps.setNull(4, Types.DOUBLE);
                if (v instanceof Boolean bo) ps.setBoolean(5, bo); else ps.setNull(5, Types.BOOLEAN);
                if (v instanceof String s) ps.setString(6, s); else ps.setNull(6, Types.VARCHAR);
                ps.setString(7, r.unit());
                ps.setString(8, r.quality().name().toLowerCase(Locale.ROOT));
                ps.setString(9, e.bootId());
                ps.setLong(10, r.ts().wallMs());
                ps.setLong(11, r.ts().monoMs());
                ps.setLong(12, tx.now);
                ps.addBatch();
                ObjectNode ch = latest.computeIfAbsent(r.device(), k -> Tx.object()).putObject(r.channel());
                if (v instanceof Double d) ch.put("value", d);
                else if (v instanceof Boolean bo) ch.put("value", bo);
                else if (v != null) ch.put("value", v.toString());
                ch.put("unit", r.unit()).put("quality", r.quality().name().toLowerCase(Locale.ROOT))
                        .put("wall", r.ts().wallMs());
            }
            ps.executeBatch();
        }
        // one update per device and message, merging channels into what the device reported before
        for (Map.Entry<String, ObjectNode> d : latest.entrySet()) {
            ObjectNode merged = Tx.object();
            try (PreparedStatement ps = tx.c.prepareStatement(
                    "SELECT last_values FROM devices WHERE gateway_id = ? AND id = ?")) {
                Sql.bind(ps, e.gatewayId(), d.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) continue; // not declared in a birth: telemetry kept, no registry entry
                    String old = rs.getString(1);
                    if (old != null) merged = json.object(old);
                }
            }
            merged.setAll(d.getValue());
            Sql.update(tx.c, "UPDATE devices SET last_values = ?, last_values_at = ? WHERE gateway_id = ? AND id = ?",
                    merged.toString(), tx.now, e.gatewayId(), d.getKey());
        }
    }

    private void event(Tx tx, Envelope e, Body.Event ev, BootClock clock) throws SQLException {
        String detail = json.map(ev.detail());
        Sql.update(tx.c, "INSERT INTO events (gateway_id, device_id, type, detail, boot_id, wall, mono, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e.gatewayId(), ev.device(), ev.type(), detail,
                e.bootId(), e.ts().wallMs(), e.ts().monoMs(), tx.now);
        if (ev.device() == null || ev.device().isEmpty()) return;
        // a device event (a door opened, a button pressed) during a walk test shows the device works
        long at = clock.effective(e.ts().wallMs(), e.ts().monoMs());
        var walkTest = WalkTestSql.runningAt(tx.c, e.gatewayId(), at);
        if (walkTest.isPresent()) {
            WalkTestSql.trigger(tx, walkTest.get(), e.gatewayId(), ev.device(), at, "event", ev.type(),
                    ev.detail() == null || ev.detail().isEmpty() ? ev.type() : detail);
        }
    }
}
