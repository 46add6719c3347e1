package io.onegrid.hub.store;

import java.sql.SQLException;

/** The append-only case timeline: rows are inserted, never updated or deleted. */
final class CaseTimeline {
    private CaseTimeline() { }

    static void append(Tx tx, long caseId, String actor, String action, String detail) throws SQLException {
        Sql.update(tx.c, "INSERT INTO case_timeline (case_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                caseId, tx.now, Sql.clip(actor, 200), action, Sql.clip(detail == null ? "" : detail, 2000));
    }
}
