package io.onegrid.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of walk tests: starting, extending, ending, and what the ingest records during one. */
final class WalkTestSql {
    private static final String COLUMNS = "SELECT id, gateway_id, started_at, started_by, ends_at, ended_by FROM walk_tests";

    private WalkTestSql() { }

    /**
     * Starts or extends the gateway's walk test; like {@link #end}, tells the live stream (kind {@code walktest},
     * {@code state} started, extended or ended, with {@code endsAt}) so dashboards show at once whose alarms open no
     * case.
     */
    static WalkTestStore.Started start(Tx tx, String gatewayId, long durationMs, String by) throws SQLException {
        Connection c = tx.c;
        long now = tx.now;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gateways WHERE id = ?")) {
            Sql.bind(ps, gatewayId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new io.onegrid.hub.errors.HubException(io.onegrid.hub.errors.HubError.NOT_FOUND,
                        "no gateway " + gatewayId);
            }
        }
        Optional<Long> running = runningAt(c, gatewayId, now);
        long until = now + durationMs;
        if (running.isPresent()) {
            Sql.update(c, "UPDATE walk_tests SET ends_at = CASE WHEN ends_at < ? THEN ? ELSE ends_at END WHERE id = ?",
                    until, until, running.get());
            UserSql.appendAudit(c, now, by, "extend walk test", "gateway:" + gatewayId, "walk test " + running.get());
            WalkTestStore.WalkTest extended = one(c, running.get()).orElseThrow();
            changed(tx, extended, "extended");
            return new WalkTestStore.Started(extended, true);
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO walk_tests (gateway_id, started_at, started_by, "
                + "ends_at) VALUES (?, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, gatewayId, now, by, until);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        UserSql.appendAudit(c, now, by, "start walk test", "gateway:" + gatewayId, "walk test " + id);
        WalkTestStore.WalkTest started = one(c, id).orElseThrow();
        changed(tx, started, "started");
        return new WalkTestStore.Started(started, false);
    }

    static Optional<WalkTestStore.WalkTest> end(Tx tx, String gatewayId, String by) throws SQLException {
        Optional<Long> running = runningAt(tx.c, gatewayId, tx.now);
        if (running.isEmpty()) return Optional.empty();
        Sql.update(tx.c, "UPDATE walk_tests SET ends_at = ?, ended_by = ? WHERE id = ?", tx.now, by, running.get());
        UserSql.appendAudit(tx.c, tx.now, by, "end walk test", "gateway:" + gatewayId, "walk test " + running.get());
        Optional<WalkTestStore.WalkTest> ended = one(tx.c, running.get());
        if (ended.isPresent()) changed(tx, ended.get(), "ended");
        return ended;
    }

    private static void changed(Tx tx, WalkTestStore.WalkTest w, String state) throws SQLException {
        String scope = scopeOf(tx, w.gatewayId());
        if (scope != null) {
            tx.event("walktest", scope, Tx.object().put("gateway", w.gatewayId()).put("walkTest", w.id()).put("state", state)
                    .put("endsAt", w.endsAt().toString()));
        }
    }

    /** The walk test that covers hub time {@code at} for the gateway, if any. */
    static Optional<Long> runningAt(Connection c, String gatewayId, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM walk_tests WHERE gateway_id = ? AND started_at <= ? "
                + "AND ends_at > ? ORDER BY id DESC LIMIT 1")) {
            Sql.bind(ps, gatewayId, at, at);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    static java.util.Map<String, Instant> running(Connection c, long now) throws SQLException {
        java.util.Map<String, Instant> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT gateway_id, MAX(ends_at) FROM walk_tests WHERE started_at <= ? "
                + "AND ends_at > ? GROUP BY gateway_id ORDER BY gateway_id")) {
            Sql.bind(ps, now, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
            }
        }
        return out;
    }

    static Optional<WalkTestStore.WalkTest> latest(Connection c, String gatewayId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM walk_tests WHERE gateway_id = ? ORDER BY id DESC LIMIT 1")) {
            Sql.bind(ps, gatewayId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return one(c, rs.getLong(1));
            }
        }
    }

    static Optional<WalkTestStore.WalkTest> one(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
            Sql.bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new WalkTestStore.WalkTest(rs.getLong(1), rs.getString(2), Sql.instant(rs, 3),
                        rs.getString(4), Sql.instant(rs, 5), rs.getString(6), devices(c, id), faults(c, id)));
            }
        }
    }

    private static List<WalkTestStore.DeviceSeen> devices(Connection c, long walkTestId) throws SQLException {
        List<WalkTestStore.DeviceSeen> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT device_id, first_at, received_at, trigger_kind, trigger_ref, "
                + "value_seen, round_trip_ms, triggers FROM walk_test_devices WHERE walk_test_id = ? ORDER BY device_id")) {
            Sql.bind(ps, walkTestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WalkTestStore.DeviceSeen(rs.getString(1), Sql.instant(rs, 2), Sql.instant(rs, 3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8)));
                }
            }
        }
        return out;
    }

    private static List<WalkTestStore.DeviceFault> faults(Connection c, long walkTestId) throws SQLException {
        List<WalkTestStore.DeviceFault> out = new ArrayList<>();
        // raised: one of the device's own alarms of this walk test is still raised now, or was at the walk test's end
        try (PreparedStatement ps = c.prepareStatement("SELECT f.device_id, f.first_at, f.received_at, f.alarm_id, "
                + "f.case_type, f.detail, f.faults, EXISTS (SELECT 1 FROM alarms a WHERE a.walk_test_id = f.walk_test_id "
                + "AND a.gateway_id = w.gateway_id AND a.device_id = f.device_id AND a.case_type LIKE 'device.%' "
                + "AND (a.cleared_at IS NULL OR a.cleared_at > w.ends_at)) FROM walk_test_faults f JOIN walk_tests w "
                + "ON w.id = f.walk_test_id WHERE f.walk_test_id = ? ORDER BY f.device_id")) {
            Sql.bind(ps, walkTestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WalkTestStore.DeviceFault(rs.getString(1), Sql.instant(rs, 2), Sql.instant(rs, 3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getBoolean(8)));
                }
            }
        }
        return out;
    }

    /**
     * Records a fault a device raised about itself during walk test {@code walkTestId}: the first is kept with its
     * detail, later ones are counted. Tells the live stream like a trigger, with {@code trigger: fault}.
     */
    static void fault(Tx tx, long walkTestId, String gatewayId, String device, long eventAtHub, String alarmId,
                      String caseType, String detail) throws SQLException {
        int inserted = Sql.update(tx.c, "INSERT INTO walk_test_faults (walk_test_id, device_id, first_at, "
                + "received_at, alarm_id, case_type, detail, faults) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
                + "ON CONFLICT (walk_test_id, device_id) DO NOTHING", walkTestId, device, eventAtHub, tx.now,
                Sql.clip(alarmId, 200), Sql.clip(caseType, 200), Sql.clip(detail, 500));
        if (inserted == 0) {
            Sql.update(tx.c, "UPDATE walk_test_faults SET faults = faults + 1 WHERE walk_test_id = ? AND device_id = ?",
                    walkTestId, device);
        }
        faultEvent(tx, walkTestId, gatewayId, device, alarmId, caseType, detail, true);
    }

    /** A fault raised during the walk test cleared while it still runs: the installer sees it is over. */
    static void faultCleared(Tx tx, long walkTestId, String gatewayId, String device, String alarmId, String caseType,
                             String detail) throws SQLException {
        if (runningAt(tx.c, gatewayId, tx.now).filter(id -> id == walkTestId).isEmpty()) return;
        faultEvent(tx, walkTestId, gatewayId, device, alarmId, caseType, detail, false);
    }

    private static void faultEvent(Tx tx, long walkTestId, String gatewayId, String device, String alarmId, String caseType,
                                   String detail, boolean raised) throws SQLException {
        String scope = scopeOf(tx, gatewayId);
        if (scope != null) {
            tx.event("walktest", scope, Tx.object().put("gateway", gatewayId).put("walkTest", walkTestId)
                    .put("device", device).put("trigger", "fault").put("ref", alarmId).put("caseType", caseType)
                    .put("value", Sql.clip(detail, 500)).put("raised", raised));
        }
    }

    private static String scopeOf(Tx tx, String gatewayId) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT scope_path FROM gateways WHERE id = ?")) {
            Sql.bind(ps, gatewayId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Records a trigger of a device during walk test {@code walkTestId}: the first one is kept with its value and
     * round trip, later ones are counted. Tells the live stream (kind {@code walktest}) in the gateway's scope.
     */
    static void trigger(Tx tx, long walkTestId, String gatewayId, String device, long eventAtHub, String kind,
                        String ref, String value) throws SQLException {
        long roundTrip = tx.now - eventAtHub;
        int inserted = Sql.update(tx.c, "INSERT INTO walk_test_devices (walk_test_id, device_id, first_at, received_at, "
                + "trigger_kind, trigger_ref, value_seen, round_trip_ms, triggers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) "
                + "ON CONFLICT (walk_test_id, device_id) DO NOTHING", walkTestId, device, eventAtHub, tx.now, kind,
                Sql.clip(ref, 200), Sql.clip(value, 500), roundTrip);
        if (inserted == 0) {
            Sql.update(tx.c, "UPDATE walk_test_devices SET triggers = triggers + 1 WHERE walk_test_id = ? AND device_id = ?",
                    walkTestId, device);
        }
        String scope = scopeOf(tx, gatewayId);
        if (scope != null) {
            tx.event("walktest", scope, Tx.object().put("gateway", gatewayId).put("walkTest", walkTestId)
                    .put("device", device).put("trigger", kind).put("ref", ref).put("value", Sql.clip(value, 500))
                    .put("roundTripMs", roundTrip).put("first", inserted == 1));
        }
    }

    /** Stores a commissioning report; tells the live stream ({@code walktest}, state {@code commissioned}). */
    static WalkTestStore.Commissioning storeReport(Tx tx, String gatewayId, Long walkTestId, String by,
                                                   String report, List<String> tested) throws SQLException {
        Connection c = tx.c;
        long now = tx.now;
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO commissioning_reports (gateway_id, walk_test_id, "
                + "submitted_by, submitted_at, report) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, gatewayId, walkTestId, by, now, report);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        List<String> marked = new ArrayList<>();
        for (String device : tested) {
            if (Sql.update(c, "UPDATE devices SET commissioned_at = ?, commissioning_report_id = ? WHERE gateway_id = ? "
                    + "AND id = ?", now, id, gatewayId, device) == 1) {
                marked.add(device);
            }
        }
        UserSql.appendAudit(c, now, by, "commission gateway", "gateway:" + gatewayId, "report " + id + ": "
                + marked.size() + " devices commissioned");
        String scope = scopeOf(tx, gatewayId);
        if (scope != null) {
            com.fasterxml.jackson.databind.node.ObjectNode e = Tx.object().put("gateway", gatewayId).put("state", "commissioned")
                    .put("report", id);
            marked.forEach(e.putArray("commissioned")::add);
            tx.event("walktest", scope, e);
        }
        return new WalkTestStore.Commissioning(id, gatewayId, walkTestId, by, Instant.ofEpochMilli(now), report, marked);
    }

    static Optional<WalkTestStore.Commissioning> latestReport(Connection c, String gatewayId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, walk_test_id, submitted_by, submitted_at, report FROM "
                + "commissioning_reports WHERE gateway_id = ? ORDER BY id DESC LIMIT 1")) {
            Sql.bind(ps, gatewayId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                long id = rs.getLong(1);
                Long wt = Sql.longOrNull(rs, 2);
                String by = rs.getString(3);
                Instant at = Sql.instant(rs, 4);
                String report = rs.getString(5);
                List<String> marked = new ArrayList<>();
                try (PreparedStatement d = c.prepareStatement("SELECT id FROM devices WHERE gateway_id = ? AND "
                        + "commissioning_report_id = ? ORDER BY id")) {
                    Sql.bind(d, gatewayId, id);
                    try (ResultSet drs = d.executeQuery()) {
                        while (drs.next()) marked.add(drs.getString(1));
                    }
                }
                return Optional.of(new WalkTestStore.Commissioning(id, gatewayId, wt, by, at, report, marked));
            }
        }
    }
}
