package io.onegrid.hub.store;

import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.WireReading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** Applies one {@link StoreOp} inside the caller's transaction. */
final class IngestApplier {
    private final CaseWriter cases;
    private final Json json;
    private final BootClocks clocks;

    IngestApplier(CaseWriter cases, Json json, BootClocks clocks) {
        this.cases = cases;
        this.json = json;
        this.clocks = clocks;
    }

    IngestResult apply(Connection c, StoreOp op, long now) throws SQLException {
        if (op instanceof StoreOp.Disconnected d) {
            update(c, "UPDATE gateways SET online = FALSE, last_seen = ? WHERE id = ?", now, d.gatewayId());
            return IngestResult.STORED;
        }
        Envelope e = ((StoreOp.Ingest) op).envelope();
        if (e.kind().sequenced() && !firstDelivery(c, e, now)) {
            return IngestResult.DUPLICATE;
        }
        BootClock clock = clocks.observe(c, e, now);
        Body b = e.body();
        if (b instanceof Body.Birth birth) {
            birth(c, e, birth, now);
        } else if (b instanceof Body.Death) {
            // a death from an older boot must not take down the session that replaced it
            update(c, "UPDATE gateways SET online = FALSE, last_seen = ? WHERE id = ? AND (boot_id IS NULL OR boot_id = ?)",
                    now, e.gatewayId(), e.bootId());
        } else {
            update(c, "UPDATE gateways SET last_seen = ? WHERE id = ?", now, e.gatewayId());
            if (b instanceof Body.Health h) {
                health(c, e, h, now);
            } else if (b instanceof Body.Telemetry t) {
                telemetry(c, e, t, now);
            } else if (b instanceof Body.Alarm a) {
                cases.onAlarm(c, e, a, clock, now);
            } else if (b instanceof Body.Event ev) {
                event(c, e, ev, now);
            }
        }
        return IngestResult.STORED;
    }

    /** Records (gateway, boot, seq); false if it was recorded before. */
    private static boolean firstDelivery(Connection c, Envelope e, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (gateway_id, boot_id, seq, kind, received_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (gateway_id, boot_id, seq) DO NOTHING")) {
            ps.setString(1, e.gatewayId());
            ps.setString(2, e.bootId());
            ps.setLong(3, e.seq());
            ps.setString(4, e.kind().wireName());
            ps.setLong(5, now);
            return ps.executeUpdate() == 1;
        }
    }

    private static void birth(Connection c, Envelope e, Body.Birth b, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE gateways SET online = TRUE, last_seen = ?, boot_id = ?, software = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, e.bootId());
            ps.setString(3, b.software());
            ps.setString(4, e.gatewayId());
            ps.executeUpdate();
        }
        // the birth lists every device the gateway serves now: replace the previous declaration
        update(c, "DELETE FROM devices WHERE gateway_id = ?", null, e.gatewayId());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (gateway_id, id, profile, site, unit, area, "
                + "online, declared_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (gateway_id, id) DO NOTHING")) {
            for (Body.DeclaredDevice d : b.devices()) {
                ps.setString(1, e.gatewayId());
                ps.setString(2, d.id());
                ps.setString(3, d.profile());
                ps.setString(4, d.location().site());
                ps.setString(5, d.location().unit());
                ps.setString(6, d.location().area());
                ps.setLong(7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void health(Connection c, Envelope e, Body.Health h, long now) throws SQLException {
        update(c, "UPDATE gateways SET online = TRUE, last_seen = ? WHERE id = ?", now, e.gatewayId());
        try (PreparedStatement ps = c.prepareStatement("UPDATE devices SET online = ? WHERE gateway_id = ? AND id = ?")) {
            for (Body.DeviceStatus s : h.devices()) {
                ps.setBoolean(1, s.online());
                ps.setString(2, e.gatewayId());
                ps.setString(3, s.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void telemetry(Connection c, Envelope e, Body.Telemetry t, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry (gateway_id, device_id, channel, value_num, "
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
                ps.setLong(12, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void event(Connection c, Envelope e, Body.Event ev, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (gateway_id, device_id, type, detail, boot_id, "
                + "wall, mono, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.gatewayId());
            ps.setString(2, ev.device());
            ps.setString(3, ev.type());
            ps.setString(4, json.map(ev.detail()));
            ps.setString(5, e.bootId());
            ps.setLong(6, e.ts().wallMs());
            ps.setLong(7, e.ts().monoMs());
            ps.setLong(8, now);
            ps.executeUpdate();
        }
    }

    /** Runs an update whose parameters are (optional time, then strings). */
    private static void update(Connection c, String sql, Long now, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (now != null) ps.setLong(i++, now);
            for (String a : args) ps.setString(i++, a);
            ps.executeUpdate();
        }
    }
}
