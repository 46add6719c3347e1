package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseCorrelator;
import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Severities;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stores alarm transitions and runs the case engine on them, inside the caller's transaction. */
final class CaseWriter {
    private static final String NOT_CLOSED = "stage NOT IN ('" + CaseStage.CLOSED + "', '" + CaseStage.CLOSED_FALSE_ALARM + "')";
    private static final String SAME_SOURCE = "EXISTS (SELECT 1 FROM case_alarms ca JOIN alarms a ON a.id = ca.alarm_ref "
            + "WHERE ca.case_id = c.id AND a.gateway_id = ? AND a.device_id = ? AND a.rule_id = ?)";

    private final CaseCorrelator correlator;
    private final Json json;

    CaseWriter(CaseCorrelator correlator, Json json) {
        this.correlator = correlator;
        this.json = json;
    }

    void onAlarm(Connection c, Envelope e, Body.Alarm a, BootClock clock, long now) throws SQLException {
        if (a.transition() == Body.Transition.RAISED) {
            raised(c, e, a, clock, now);
        } else {
            cleared(c, e, a, clock, now);
        }
    }

    private void raised(Connection c, Envelope e, Body.Alarm a, BootClock clock, long now) throws SQLException {
        Long alarmRef = insertAlarm(c, e, a, clock, now, false);
        boolean alreadyCleared = false;
        if (alarmRef == null) {
            // Stored before. Either this raise was re-sent under a new seq (no second effect), or its clear
            // overtook it (the raise got 0x97 and was retried): then the raise still owes its case.
            alarmRef = clearedWithoutCase(c, e.gatewayId(), a.alarmId());
            if (alarmRef == null) return;
            adoptRaise(c, alarmRef, a, clock);
            alreadyCleared = true;
        }
        String actor = "gateway:" + e.gatewayId();
        String severity = Severities.normalize(a.severity());
        CaseCorrelator.Decision d = correlator.decide(
                new CaseCorrelator.AlarmKey(e.gatewayId(), a.device(), a.rule(), a.caseType(), a.location().site(),
                        a.location().unit()),
                candidates(c, e.gatewayId(), a));
        String what = "alarm " + a.alarmId() + " from " + e.gatewayId() + "/" + a.device() + " rule " + a.rule()
                + " severity " + severity + (a.message() == null ? "" : ": " + a.message());
        if (d.joinCaseId().isEmpty()) {
            // with a wrong gateway clock the hub's estimate of the raise is the best opening time (a backlog
            // can deliver it late); a right clock keeps the receive time, as before
            long openedAt = clock.corrected() ? Math.min(now, clock.correctedOf(a.raisedAt().monoMs())) : now;
            long caseId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases (type, severity, stage, site, unit, area, "
                    + "grid_node, opened_at, updated_at, last_alarm_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?) RETURNING id")) {
                ps.setString(1, a.caseType());
                ps.setString(2, severity);
                ps.setString(3, CaseStage.OPEN.name());
                ps.setString(4, a.location().site());
                ps.setString(5, a.location().unit());
                ps.setString(6, a.location().area());
                ps.setLong(7, openedAt);
                ps.setLong(8, now);
                ps.setLong(9, now);
                caseId = returnedId(ps);
            }
            link(c, caseId, alarmRef, now, d.reason());
            timeline(c, caseId, now, actor, "case opened", what);
            if (alreadyCleared) noteAlreadyCleared(c, caseId, e, a, now);
            return;
        }
        long caseId = d.joinCaseId().get();
        link(c, caseId, alarmRef, now, d.reason());
        String old;
        try (PreparedStatement ps = c.prepareStatement("SELECT severity FROM cases WHERE id = ?")) {
            ps.setLong(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                old = rs.getString(1);
            }
        }
        String raisedTo = Severities.max(old, severity);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE cases SET severity = ?, updated_at = ?, last_alarm_at = ? WHERE id = ?")) {
            ps.setString(1, raisedTo);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, caseId);
            ps.executeUpdate();
        }
        timeline(c, caseId, now, actor,
                d.reason() == CaseCorrelator.Reason.SAME_SOURCE ? "alarm re-raised" : "alarm joined", what);
        if (!raisedTo.equals(Severities.normalize(old))) {
            timeline(c, caseId, now, "system", "severity raised", old + " -> " + raisedTo);
        }
        if (alreadyCleared) noteAlreadyCleared(c, caseId, e, a, now);
    }

    /** The alarm row of (gateway, alarmId) if its clear was stored before any raise linked it to a case. */
    private static Long clearedWithoutCase(Connection c, String gatewayId, String alarmId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id FROM alarms a WHERE a.gateway_id = ? AND a.alarm_id = ? "
                + "AND a.cleared_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_alarms ca WHERE ca.alarm_ref = a.id)")) {
            ps.setString(1, gatewayId);
            ps.setString(2, alarmId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** The raise describes the alarm better than its clear did (message, readings at raise time). */
    private void adoptRaise(Connection c, long alarmRef, Body.Alarm a, BootClock clock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alarms SET severity = ?, message = ?, readings = ?, "
                + "raised_wall = ?, raised_mono = ?, raised_at = ?, raised_corrected = ? WHERE id = ?")) {
            ps.setString(1, Severities.normalize(a.severity()));
            ps.setString(2, a.message());
            ps.setString(3, json.readings(a.readings()));
            ps.setLong(4, a.raisedAt().wallMs());
            ps.setLong(5, a.raisedAt().monoMs());
            ps.setLong(6, clock.effective(a.raisedAt().wallMs(), a.raisedAt().monoMs()));
            ps.setBoolean(7, clock.corrected());
            ps.setLong(8, alarmRef);
            ps.executeUpdate();
        }
    }

    private static void noteAlreadyCleared(Connection c, long caseId, Envelope e, Body.Alarm a, long now) throws SQLException {
        timeline(c, caseId, now, "gateway:" + e.gatewayId(), "alarm cleared", "alarm " + a.alarmId() + " from "
                + e.gatewayId() + "/" + a.device() + " rule " + a.rule() + " was already cleared (its clear arrived first)");
    }

    private void cleared(Connection c, Envelope e, Body.Alarm a, BootClock clock, long now) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE alarms SET cleared_at = ?, cleared_wall = ?, cleared_mono = ? "
                + "WHERE gateway_id = ? AND alarm_id = ? AND cleared_at IS NULL")) {
            ps.setLong(1, now);
            ps.setLong(2, e.ts().wallMs());
            ps.setLong(3, e.ts().monoMs());
            ps.setString(4, e.gatewayId());
            ps.setString(5, a.alarmId());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            // A clear for a raise not seen yet (the raise was retried after 0x97 and overtook by its clear, or
            // was lost upstream): keep it without a case; if the raise still comes, raised() opens the case.
            insertAlarm(c, e, a, clock, now, true);
            return;
        }
        List<Long> cases = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ca.case_id FROM case_alarms ca JOIN alarms a "
                + "ON a.id = ca.alarm_ref WHERE a.gateway_id = ? AND a.alarm_id = ?")) {
            ps.setString(1, e.gatewayId());
            ps.setString(2, a.alarmId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) cases.add(rs.getLong(1));
            }
        }
        for (long caseId : cases) {
            timeline(c, caseId, now, "gateway:" + e.gatewayId(), "alarm cleared",
                    "alarm " + a.alarmId() + " from " + e.gatewayId() + "/" + a.device() + " rule " + a.rule() + " cleared");
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET updated_at = ? WHERE id = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, caseId);
                ps.executeUpdate();
            }
        }
    }

    /** Inserts the alarm row; returns its id, or null if (gateway, alarmId) already exists. */
    private Long insertAlarm(Connection c, Envelope e, Body.Alarm a, BootClock clock, long now, boolean cleared)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarms (gateway_id, alarm_id, device_id, rule_id, "
                + "severity, case_type, site, unit, area, resident_id, message, boot_id, raised_wall, raised_mono, "
                + "raised_at, raised_corrected, received_at, cleared_at, cleared_wall, cleared_mono, readings) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (gateway_id, alarm_id) DO NOTHING RETURNING id")) {
            int i = 1;
            ps.setString(i++, e.gatewayId());
            ps.setString(i++, a.alarmId());
            ps.setString(i++, a.device());
            ps.setString(i++, a.rule());
            ps.setString(i++, Severities.normalize(a.severity()));
            ps.setString(i++, a.caseType());
            ps.setString(i++, a.location().site());
            ps.setString(i++, a.location().unit());
            ps.setString(i++, a.location().area());
            ps.setString(i++, a.location().residentId());
            ps.setString(i++, a.message());
            ps.setString(i++, e.bootId());
            ps.setLong(i++, a.raisedAt().wallMs());
            ps.setLong(i++, a.raisedAt().monoMs());
            ps.setLong(i++, clock.effective(a.raisedAt().wallMs(), a.raisedAt().monoMs()));
            ps.setBoolean(i++, clock.corrected());
            ps.setLong(i++, now);
            if (cleared) {
                ps.setLong(i++, now);
                ps.setLong(i++, e.ts().wallMs());
                ps.setLong(i++, e.ts().monoMs());
            } else {
                ps.setNull(i++, java.sql.Types.BIGINT);
                ps.setNull(i++, java.sql.Types.BIGINT);
                ps.setNull(i++, java.sql.Types.BIGINT);
            }
            ps.setString(i, json.readings(a.readings()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private List<CaseCorrelator.Candidate> candidates(Connection c, String gw, Body.Alarm a) throws SQLException {
        List<CaseCorrelator.Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.type, c.site, c.unit, c.last_alarm_at, "
                + "CASE WHEN " + SAME_SOURCE + " THEN 1 ELSE 0 END FROM cases c WHERE c." + NOT_CLOSED
                + " AND (c.site = ? OR " + SAME_SOURCE + ")")) {
            ps.setString(1, gw);
            ps.setString(2, a.device());
            ps.setString(3, a.rule());
            ps.setString(4, a.location().site());
            ps.setString(5, gw);
            ps.setString(6, a.device());
            ps.setString(7, a.rule());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CaseCorrelator.Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6) == 1));
                }
            }
        }
        return out;
    }

    private static void link(Connection c, long caseId, long alarmRef, long now, CaseCorrelator.Reason reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO case_alarms (case_id, alarm_ref, joined_at, reason) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, caseId);
            ps.setLong(2, alarmRef);
            ps.setLong(3, now);
            ps.setString(4, reason.name());
            ps.executeUpdate();
        }
    }

    static void timeline(Connection c, long caseId, long at, String actor, String action, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO case_timeline (case_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, caseId);
            ps.setLong(2, at);
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            ps.executeUpdate();
        }
    }

    private static long returnedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("INSERT ... RETURNING gave no row");
            return rs.getLong(1);
        }
    }
}
