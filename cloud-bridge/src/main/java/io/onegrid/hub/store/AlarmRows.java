package io.onegrid.hub.store;

import io.onegrid.hub.cases.AlarmSignal;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The MQTT bridge's alarm transitions: stores the alarm row (with the gateway's clocks) and hands the case
 * engine an {@link AlarmSignal}. Order does not matter: a clear that overtakes its raise is kept, and the raise
 * still opens its case when it comes.
 */
final class AlarmRows {
    private final CaseWriter cases;
    private final Json json;

    AlarmRows(CaseWriter cases, Json json) {
        this.cases = cases;
        this.json = json;
    }

    void onAlarm(Tx tx, Envelope e, Body.Alarm a, BootClock clock) throws SQLException {
        long raisedHub = clock.effective(a.raisedAt().wallMs(), a.raisedAt().monoMs());
        AlarmSignal s = new AlarmSignal(e.gatewayId(), a.alarmId(), a.device(), a.rule(),
                a.transition() == Body.Transition.RAISED, a.severity(), a.caseType(), a.location().site(),
                a.location().unit(), a.location().area(), a.location().residentId(), raisedHub, a.message(),
                json.readings(a.readings()));
        if (s.raised()) raised(tx, e, a, s, clock); else cleared(tx, e, a, s, clock);
    }

    private void raised(Tx tx, Envelope e, Body.Alarm a, AlarmSignal s, BootClock clock) throws SQLException {
        Long ref = insert(tx, e, a, s, clock, false);
        boolean alreadyCleared = false;
        if (ref == null) {
            // Stored before. Either this raise was re-sent under a new seq (no second effect), or its clear
            // overtook it (the raise got 0x97 and was retried): then the raise still owes its case.
            ref = clearedWithoutCase(tx, e.gatewayId(), a.alarmId());
            if (ref == null) return;
            adoptRaise(tx, ref, a, s, clock);
            alreadyCleared = true;
        }
        java.util.Optional<Long> walkTest = WalkTestSql.runningAt(tx.c, e.gatewayId(), s.raisedAtHub());
        if (walkTest.isPresent()) {
            // raised while the installer tests the gateway: recorded, shown as a walk-test event, no case, nobody told
            Sql.update(tx.c, "UPDATE alarms SET walk_test_id = ? WHERE id = ?", walkTest.get(), ref);
            if (isDeviceFault(a)) {
                // not answering, a sensor fault, tamper: the device needs attention, it has not been tested
                WalkTestSql.fault(tx, walkTest.get(), e.gatewayId(), a.device(), s.raisedAtHub(), a.alarmId(),
                        a.caseType(), a.message());
            } else {
                WalkTestSql.trigger(tx, walkTest.get(), e.gatewayId(), a.device(), s.raisedAtHub(), "alarm", a.alarmId(),
                        valueSeen(a));
            }
            return;
        }
        // with a wrong gateway clock the hub's estimate of the raise is the best opening time (a backlog can
        // deliver it late); a right clock keeps the receive time
        long openedAt = clock.corrected() ? Math.min(tx.now, clock.correctedOf(a.raisedAt().monoMs())) : tx.now;
        cases.raised(tx, s, ref, alreadyCleared, openedAt);
    }

    /** A device's alarm about itself (case type {@code device.*}, as for the maintenance routing of cases). */
    static boolean isDeviceFault(Body.Alarm a) {
        return a.caseType().startsWith("device.");
    }

    /** The alarm's readings in short: {@code channel=value} pairs, what the installer sees on the sensor. */
    private static String valueSeen(Body.Alarm a) {
        StringBuilder b = new StringBuilder();
        for (var r : a.readings()) {
            if (b.length() > 0) b.append(", ");
            b.append(r.channel()).append('=').append(r.value());
            if (r.unit() != null && !r.unit().isEmpty()) b.append(' ').append(r.unit());
        }
        return b.length() == 0 ? a.rule() : b.toString();
    }

    private void cleared(Tx tx, Envelope e, Body.Alarm a, AlarmSignal s, BootClock clock) throws SQLException {
        Long ref = null;
        try (PreparedStatement ps = tx.c.prepareStatement("UPDATE alarms SET cleared_at = ?, cleared_wall = ?, "
                + "cleared_mono = ? WHERE gateway_id = ? AND alarm_id = ? AND cleared_at IS NULL RETURNING id")) {
            Sql.bind(ps, tx.now, e.ts().wallMs(), e.ts().monoMs(), e.gatewayId(), a.alarmId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) ref = rs.getLong(1);
            }
        }
        if (ref == null) {
            // a clear for a raise not seen yet: keep it without a case; if the raise still comes, raised() opens it
            insert(tx, e, a, s, clock, true);
            return;
        }
        if (isDeviceFault(a)) {
            Long walkTest = walkTestOf(tx, ref);
            // the device answers again: the installer sees its fault is over (it is still not tested)
            if (walkTest != null) WalkTestSql.faultCleared(tx, walkTest, e.gatewayId(), a.device(), a.alarmId(),
                    a.caseType(), a.message());
        }
        cases.cleared(tx, s, ref);
    }

    private static Long walkTestOf(Tx tx, long ref) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT walk_test_id FROM alarms WHERE id = ?")) {
            Sql.bind(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Sql.longOrNull(rs, 1) : null;
            }
        }
    }

    private static Long clearedWithoutCase(Tx tx, String gatewayId, String alarmId) throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("SELECT a.id FROM alarms a WHERE a.gateway_id = ? AND "
                + "a.alarm_id = ? AND a.cleared_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_alarms ca "
                + "WHERE ca.alarm_ref = a.id)")) {
            Sql.bind(ps, gatewayId, alarmId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** The raise describes the alarm better than its clear did (message, readings at raise time). */
    private static void adoptRaise(Tx tx, long ref, Body.Alarm a, AlarmSignal s, BootClock clock) throws SQLException {
        Sql.update(tx.c, "UPDATE alarms SET severity = ?, message = ?, readings = ?, raised_wall = ?, raised_mono = ?, "
                        + "raised_at = ?, raised_corrected = ? WHERE id = ?", s.severity(), Sql.clip(a.message(), 2000),
                s.readingsJson(), a.raisedAt().wallMs(), a.raisedAt().monoMs(), s.raisedAtHub(), clock.corrected(), ref);
    }

    /** Inserts the alarm row; returns its id, or null if (gateway, alarmId) already exists. */
    private static Long insert(Tx tx, Envelope e, Body.Alarm a, AlarmSignal s, BootClock clock, boolean cleared)
            throws SQLException {
        try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO alarms (gateway_id, alarm_id, device_id, rule_id, "
                + "severity, case_type, site, unit, area, resident_id, message, boot_id, raised_wall, raised_mono, "
                + "raised_at, raised_corrected, received_at, cleared_at, cleared_wall, cleared_mono, readings) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (gateway_id, alarm_id) DO NOTHING RETURNING id")) {
            Sql.bind(ps, e.gatewayId(), a.alarmId(), a.device(), a.rule(), s.severity(), a.caseType(), s.site(), s.unit(),
                    s.area(), s.residentId(), Sql.clip(a.message(), 2000), e.bootId(), a.raisedAt().wallMs(),
                    a.raisedAt().monoMs(), s.raisedAtHub(), clock.corrected(), tx.now,
                    cleared ? tx.now : null, cleared ? e.ts().wallMs() : null, cleared ? e.ts().monoMs() : null,
                    s.readingsJson());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
