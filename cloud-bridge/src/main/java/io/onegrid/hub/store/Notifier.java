package io.onegrid.hub.store;

import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.Responder;
import io.onegrid.hub.grid.ResponderRole;
import io.onegrid.hub.grid.Team;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates notification records (one per responder, state PENDING until acknowledged), each with a timeline line
 * and a live event, inside the case's transaction. Who is told is decided here from the grid: a tier's team (or
 * its duty officers when it has no team), the responders of a place, or one person.
 */
final class Notifier {

    /** Responders of a tier: its team's members, else the duty officers working at the tier node. */
    static List<Responder> tierResponders(Grid grid, String tierId) {
        Optional<Team> team = grid.team(tierId);
        List<Responder> out = new ArrayList<>();
        if (team.isPresent()) {
            for (String m : team.get().members()) grid.responder(m).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            for (Responder r : grid.responders()) {
                if (r.nodeId().equals(tierId) && isDuty(r.role())) out.add(r);
            }
        }
        return out;
    }

    private static boolean isDuty(ResponderRole r) {
        return r == ResponderRole.COMMUNITY_DUTY || r == ResponderRole.STREET_DUTY || r == ResponderRole.DISTRICT_DUTY;
    }

    /** Every responder of the place and of every tier above it, once each: the critical-fire fan-out. */
    static List<Responder> everyoneFor(Grid grid, String nodeId) {
        Map<String, Responder> out = new LinkedHashMap<>();
        for (Responder r : grid.respondersFor(nodeId)) out.putIfAbsent(r.id(), r);
        for (var n : grid.lineage(nodeId)) {
            if (n.kind().isTier()) for (Responder r : tierResponders(grid, n.id())) out.putIfAbsent(r.id(), r);
        }
        return List.copyOf(out.values());
    }

    static void notify(Tx tx, long caseId, String scopePath, List<Responder> whom, String tier, String reason)
            throws SQLException {
        if (whom.isEmpty()) {
            CaseTimeline.append(tx, caseId, "system", "notification", "nobody to notify for " + reason
                    + (tier == null ? "" : " at " + tier) + ": the grid names no responder there");
            return;
        }
        List<String> names = new ArrayList<>();
        for (Responder r : whom) {
            long id;
            try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO notifications (case_id, responder_id, role, "
                    + "tier, reason, state, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?) RETURNING id")) {
                Sql.bind(ps, caseId, r.id(), r.role().wireName(), tier, reason, tx.now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            names.add(r.id());
            tx.event("notification", scopePath, Tx.object().put("id", id).put("caseId", caseId)
                    .put("responder", r.id()).put("role", r.role().wireName()).put("tier", tier).put("reason", reason)
                    .put("state", "PENDING"));
        }
        CaseTimeline.append(tx, caseId, "system", "notified", reason + ": " + String.join(", ", names));
    }
}
