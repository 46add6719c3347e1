package io.onegrid.hub.store;

import io.onegrid.hub.cases.SlaLimits;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SLA enforcement: a case not dispatched, accepted or resolved by its deadline has the breach written to its
 * timeline and moves one tier up (community → street → district), whose people are notified. The deadline
 * then restarts from now with the same limit, so a tier that does not act in turn escalates again; at the
 * district the breach is recorded and the district is reminded. A breach of the resolve deadline is kept as a
 * flag: the case no longer counts as closed on time.
 */
final class SlaSweep {
    private static final int BATCH = 200;

    private final Supplier<Grid> grid;
    private final CaseFiling filing;

    SlaSweep(Supplier<Grid> grid, CaseFiling filing) {
        this.grid = grid;
        this.filing = filing;
    }

    /** The cases breached at {@code now}, at most one batch. */
    static List<Long> due(java.sql.Connection c, long now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cases WHERE (stage = 'OPEN' AND dispatch_due <= ?) "
                + "OR (stage = 'DISPATCHED' AND accept_due <= ?) OR (stage IN ('ACCEPTED', 'HANDLING') AND resolve_due <= ?) "
                + "ORDER BY id LIMIT " + BATCH)) {
            Sql.bind(ps, now, now, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Handles one case's breach if it is still breached (another node may have handled it); true if it did. */
    boolean breach(Tx tx, long caseId) throws SQLException {
        Optional<CaseSummary> found = CaseReader.summary(tx.c, caseId);
        if (found.isEmpty()) return false;
        CaseSummary s = found.get();
        SlaLimits l = filing.policy().limits(s.type(), s.severity());
        String which;
        String column;
        long limit;
        int bit;
        switch (s.stage()) {
            case OPEN -> { which = "dispatch"; column = "dispatch_due"; limit = l.dispatch().toMillis(); bit = CaseActions.BREACH_DISPATCH; }
            case DISPATCHED -> { which = "accept"; column = "accept_due"; limit = l.accept().toMillis(); bit = CaseActions.BREACH_ACCEPT; }
            case ACCEPTED, HANDLING -> { which = "resolve"; column = "resolve_due"; limit = l.resolve().toMillis(); bit = CaseActions.BREACH_RESOLVE; }
            default -> { return false; }
        }
        Grid g = grid.get();
        Optional<GridNode> up = s.ownerTier() == null ? Optional.empty() : g.tierAbove(s.ownerTier());
        String owner = up.map(GridNode::id).orElse(s.ownerTier());
        int n = Sql.update(tx.c, "UPDATE cases SET " + column + " = ?, breaches = breaches | " + bit + ", owner_tier = ?, "
                        + "escalation_level = escalation_level + ?, version = version + 1, updated_at = ? "
                        + "WHERE id = ? AND version = ? AND " + column + " <= ?",
                tx.now + limit, owner, up.isPresent() ? 1 : 0, tx.now, caseId, s.version(), tx.now);
        if (n != 1) return false;
        String due = s.stage() == io.onegrid.hub.cases.CaseStage.OPEN ? String.valueOf(s.dispatchDue())
                : s.stage() == io.onegrid.hub.cases.CaseStage.DISPATCHED ? String.valueOf(s.acceptDue())
                : String.valueOf(s.resolveDue());
        CaseTimeline.append(tx, caseId, "system", "sla breached", which + " deadline " + due + " passed in stage "
                + s.stage());
        if (up.isPresent()) {
            CaseTimeline.append(tx, caseId, "system", "escalate", s.ownerTier() + " -> " + owner + " (" + which
                    + " deadline missed)");
            Notifier.notify(tx, caseId, s.scopePath(), Notifier.tierResponders(g, owner), owner, "escalated: " + which
                    + " deadline missed");
        } else {
            Notifier.notify(tx, caseId, s.scopePath(), Notifier.tierResponders(g, owner), owner, "reminder: " + which
                    + " deadline missed at the top tier");
        }
        CaseEvents.publish(tx, caseId, "sla breached");
        return true;
    }
}
