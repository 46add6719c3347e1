package io.onegrid.hub.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;

/** The live event of a case change: its summary (no personal data) and what happened. */
final class CaseEvents {
    private CaseEvents() { }

    static void publish(Tx tx, long caseId, String change) throws SQLException {
        CaseSummary s = CaseReader.summary(tx.c, caseId).orElseThrow();
        ObjectNode n = Tx.object().put("change", change).put("id", s.id()).put("type", s.type())
                .put("severity", s.severity()).put("stage", s.stage().name()).put("site", s.site()).put("unit", s.unit())
                .put("area", s.area()).put("gridNode", s.gridNode()).put("unplaced", s.unplaced())
                .put("ownerTier", s.ownerTier()).put("confirmed", s.confirmed()).put("version", s.version())
                .put("openedAt", s.openedAt().toString()).put("updatedAt", s.updatedAt().toString());
        tx.event("case", s.scopePath(), n);
    }
}
