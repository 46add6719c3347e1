package io.onegrid.hub.store;

import io.onegrid.hub.cases.SlaLimits;
import io.onegrid.hub.cases.SlaPolicy;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.Resident;
import io.onegrid.hub.grid.Responder;
import io.onegrid.hub.grid.ResponderRole;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Files a new case (立案) at a place: places it on the grid, sets its SLA deadlines, writes "case opened" and
 * tells the right people, all in the caller's transaction. Used for alarms and for device faults alike.
 */
final class CaseFiling {
    /** What a new case is about. */
    record NewCase(String type, String severity, String site, String unit, String area, String residentId,
                   long openedAt, String actor, String detail) { }

    private final Supplier<Grid> grid;
    private final SlaPolicy policy;

    CaseFiling(Supplier<Grid> grid, SlaPolicy policy) {
        this.grid = grid;
        this.policy = policy;
    }

    SlaPolicy policy() {
        return policy;
    }

    long open(Tx tx, NewCase n) throws SQLException {
        Grid g = grid.get();
        Placement p = Placement.of(g, n.site(), n.unit(), n.area());
        SlaLimits limits = policy.limits(n.type(), n.severity());
        long id;
        try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO cases (type, severity, stage, site, unit, area, "
                + "grid_node, scope_path, unplaced, owner_tier, resident_id, opened_at, updated_at, last_alarm_at, "
                + "dispatch_due, resolve_due) VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, n.type(), n.severity(), n.site(), n.unit(), n.area(), p.gridNode(), p.scopePath(), p.unplaced(),
                    p.ownerTier(), n.residentId(), n.openedAt(), tx.now, tx.now,
                    n.openedAt() + limits.dispatch().toMillis(), n.openedAt() + limits.resolve().toMillis());
            try (var rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        CaseTimeline.append(tx, id, n.actor(), "case opened", n.detail());
        if (p.unplaced()) {
            CaseTimeline.append(tx, id, "system", "unplaced", "the grid does not know site " + n.site()
                    + ": filed in the unplaced queue of district " + p.ownerTier());
        }
        notifyOnOpen(tx, id, p, n);
        CaseEvents.publish(tx, id, "opened");
        return id;
    }

    /** Who hears of a new case: everyone at once for a critical fire, else the people its type calls for. */
    void notifyOnOpen(Tx tx, long caseId, Placement p, NewCase n) throws SQLException {
        Grid g = grid.get();
        String node = p.gridNode() == null ? g.district().id() : p.gridNode();
        if (policy.notifyAllAtOnce(n.type(), n.severity())) {
            Notifier.notify(tx, caseId, p.scopePath(), Notifier.everyoneFor(g, node), null, "critical: every responder and tier at once");
            return;
        }
        if (n.type().startsWith("welfare")) {
            Resident r = g.resident(n.residentId()).orElse(null);
            List<Responder> sw = r == null || r.socialWorker() == null ? List.of()
                    : g.responder(r.socialWorker()).map(List::of).orElse(List.of());
            if (sw.isEmpty()) sw = g.respondersFor(node, ResponderRole.SOCIAL_WORKER);
            Notifier.notify(tx, caseId, p.scopePath(), sw, p.ownerTier(), "welfare check");
            return;
        }
        if (n.type().startsWith("device.")) {
            Notifier.notify(tx, caseId, p.scopePath(), g.respondersFor(node, ResponderRole.PROPERTY_MANAGEMENT),
                    p.ownerTier(), "maintenance");
            return;
        }
        Notifier.notify(tx, caseId, p.scopePath(), Notifier.tierResponders(g, p.ownerTier()), p.ownerTier(), "filed");
    }
}
