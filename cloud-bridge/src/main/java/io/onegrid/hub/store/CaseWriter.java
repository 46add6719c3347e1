package io.onegrid.hub.store;

import io.onegrid.hub.cases.AlarmSignal;
import io.onegrid.hub.cases.CaseCorrelator;
import io.onegrid.hub.cases.SlaLimits;
import io.onegrid.hub.cases.Severities;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The case engine's alarm side, inside the caller's transaction: a raise opens a case or joins one
 * ({@link CaseCorrelator}), a second independent source confirms the case and raises its severity one step,
 * a clear is recorded on the case but never closes it (closing is a person's decision). Takes
 * {@link AlarmSignal}s, whatever ingress they came from; the alarm row itself is the ingress's ({@link AlarmRows}).
 */
final class CaseWriter {
    private static final String OPEN = "c.stage NOT IN ('CLOSED', 'FALSE_ALARM')";

    private final CaseCorrelator correlator;
    private final CaseFiling filing;
    private final SqlDialect dialect;

    CaseWriter(CaseFiling filing, SqlDialect dialect) {
        this.filing = filing;
        this.dialect = dialect;
        this.correlator = new CaseCorrelator(filing.policy()::correlationWindow);
    }

    /**
     * A raise stored as alarm row {@code alarmRef}. {@code alreadyCleared}: its clear arrived first.
     * {@code openedAt} is the hub's best estimate of when the problem began.
     */
    void raised(Tx tx, AlarmSignal a, long alarmRef, boolean alreadyCleared, long openedAt) throws SQLException {
        String lock = dialect.transactionLock();
        if (lock != null) {
            try (PreparedStatement ps = tx.c.prepareStatement(lock)) {
                ps.setLong(1, CaseCorrelator.placeKey(a).hashCode());
                ps.execute();
            }
        }
        CaseCorrelator.Decision d = correlator.decide(a, candidates(tx, a), tx.now);
        long caseId;
        if (d.joinCaseId().isEmpty()) {
            caseId = filing.open(tx, new CaseFiling.NewCase(a.caseType(), a.severity(), a.site(), a.unit(), a.area(),
                    a.residentId(), openedAt, a.actor(), a.describe()));
            link(tx, caseId, alarmRef, d.reason());
        } else {
            caseId = d.joinCaseId().get();
            link(tx, caseId, alarmRef, d.reason());
            join(tx, caseId, a, d.reason());
        }
        if (alreadyCleared) {
            CaseTimeline.append(tx, caseId, a.actor(), "alarm cleared", "alarm " + a.alarmId()
                    + " was already cleared (its clear arrived first)");
        }
    }

    private void join(Tx tx, long caseId, AlarmSignal a, CaseCorrelator.Reason reason) throws SQLException {
        String old;
        boolean confirmed;
        String type;
        long openedAt;
        boolean dispatched;
        try (PreparedStatement ps = tx.c.prepareStatement(
                "SELECT severity, confirmed, type, opened_at, dispatched_at FROM cases WHERE id = ?")) {
            ps.setLong(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                old = rs.getString(1);
                confirmed = rs.getBoolean(2);
                type = rs.getString(3);
                openedAt = rs.getLong(4);
                rs.getLong(5);
                dispatched = !rs.wasNull();
            }
        }
        int sources = distinctSources(tx, caseId);
        String severity = Severities.max(old, a.severity());
        boolean confirmNow = sources >= 2 && !confirmed;
        if (confirmNow) severity = Severities.stepUp(severity);
        CaseTimeline.append(tx, caseId, a.actor(),
                reason == CaseCorrelator.Reason.SAME_SOURCE ? "alarm re-raised" : "alarm joined", a.describe());
        if (confirmNow) {
            CaseTimeline.append(tx, caseId, "system", "confirmed", sources
                    + " independent sources: the alarm is confirmed, severity one step up");
        }
        boolean raisedNow = !severity.equals(Severities.normalize(old));
        if (raisedNow) CaseTimeline.append(tx, caseId, "system", "severity raised", old + " -> " + severity);
        // a higher severity has tighter limits: deadlines not yet met move earlier, never later
        SlaLimits l = filing.policy().limits(type, severity);
        Sql.update(tx.c, ("UPDATE cases SET severity = ?, confirmed = ?, source_count = ?, updated_at = ?, last_alarm_at = ?, "
                        + "version = version + 1, dispatch_due = CASE WHEN dispatch_due IS NULL THEN NULL ELSE "
                        + "MIN_OF(dispatch_due, ?) END, resolve_due = CASE WHEN resolve_due IS NULL THEN NULL ELSE "
                        + "MIN_OF(resolve_due, ?) END WHERE id = ?").replace("MIN_OF", dialect.least()),
                severity, confirmed || confirmNow, sources, tx.now, tx.now, openedAt + l.dispatch().toMillis(),
                openedAt + l.resolve().toMillis(), caseId);
        if (raisedNow && !dispatched && filing.policy().notifyAllAtOnce(type, severity)
                && !filing.policy().notifyAllAtOnce(type, old)) {
            CaseSummary s = CaseReader.summary(tx.c, caseId).orElseThrow();
            filing.notifyOnOpen(tx, caseId, new Placement(s.gridNode(), s.scopePath(), s.unplaced(), s.ownerTier()),
                    new CaseFiling.NewCase(type, severity, s.site(), s.unit(), s.area(), s.residentId(), openedAt,
                            "system", ""));
        }
        CaseEvents.publish(tx, caseId, confirmNow ? "confirmed" : "alarm joined");
    }

    /** A clear: recorded on every case that holds the alarm; the case stays in its stage. */
    void cleared(Tx tx, AlarmSignal a, long alarmRef) throws SQLException {
        List<Long> cases = new ArrayList<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT case_id FROM case_alarms WHERE alarm_ref = ?")) {
            ps.setLong(1, alarmRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) cases.add(rs.getLong(1));
            }
        }
        for (long caseId : cases) {
            CaseTimeline.append(tx, caseId, a.actor(), "alarm cleared", "alarm " + a.alarmId() + " from " + a.source()
                    + "/" + a.device() + " rule " + a.rule() + " cleared");
            Sql.update(tx.c, "UPDATE cases SET updated_at = ?, version = version + 1 WHERE id = ?", tx.now, caseId);
            CaseEvents.publish(tx, caseId, "alarm cleared");
        }
    }

    private static int distinctSources(Tx tx, long caseId) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT COUNT(*) FROM (SELECT DISTINCT a.gateway_id, a.device_id "
                + "FROM case_alarms ca JOIN alarms a ON a.id = ca.alarm_ref WHERE ca.case_id = ?) s")) {
            ps.setLong(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The open cases an alarm may join: those at its site, and those already holding an alarm of its source. Two
     * indexed queries rather than one with an OR: "site = ? OR EXISTS (same source)" made both databases test
     * every case of the table for each raise (a full scan with a year of cases); the partial index
     * cases_open_site (V7) holds open cases only, so the first query does not grow with closed history.
     */
    private List<CaseCorrelator.Candidate> candidates(Tx tx, AlarmSignal a) throws SQLException {
        java.util.Set<Long> sameSource = new java.util.HashSet<>();
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT DISTINCT ca.case_id FROM alarms a "
                + "JOIN case_alarms ca ON ca.alarm_ref = a.id JOIN cases c ON c.id = ca.case_id "
                + "WHERE a.gateway_id = ? AND a.device_id = ? AND a.rule_id = ? AND " + OPEN)) {
            Sql.bind(ps, a.source(), a.device(), a.rule());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sameSource.add(rs.getLong(1));
            }
        }
        java.util.Map<Long, CaseCorrelator.Candidate> out = new java.util.LinkedHashMap<>();
        String select = "SELECT c.id, c.type, c.site, c.unit, c.area, c.last_alarm_at FROM cases c WHERE " + OPEN;
        try (PreparedStatement ps = tx.c.prepareStatement(select + " AND c.site = ?")) {
            Sql.bind(ps, a.site());
            collect(ps, sameSource, out);
        }
        java.util.List<Long> elsewhere = sameSource.stream().filter(id -> !out.containsKey(id)).toList();
        if (!elsewhere.isEmpty()) {
            try (PreparedStatement ps = tx.c.prepareStatement(select + " AND c.id IN ("
                    + "?, ".repeat(elsewhere.size() - 1) + "?)")) {
                Sql.bind(ps, elsewhere.toArray());
                collect(ps, sameSource, out);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void collect(PreparedStatement ps, java.util.Set<Long> sameSource,
                                java.util.Map<Long, CaseCorrelator.Candidate> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                out.putIfAbsent(id, new CaseCorrelator.Candidate(id, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), sameSource.contains(id)));
            }
        }
    }

    private static void link(Tx tx, long caseId, long alarmRef, CaseCorrelator.Reason reason) throws SQLException {
        Sql.update(tx.c, "INSERT INTO case_alarms (case_id, alarm_ref, joined_at, reason) VALUES (?, ?, ?, ?)",
                caseId, alarmRef, tx.now, reason.name());
    }
}
