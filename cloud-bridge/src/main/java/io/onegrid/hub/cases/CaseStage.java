package io.onegrid.hub.cases;

/**
 * The stages of a case, following the grid-management loop 立案 → 派遣 → 处置 → 核查 → 结案. The moves are
 * made by {@link CaseAction}s and decided in {@link CaseMachine}:
 *
 * <pre>
 *            dispatch        accept         start          resolve         verify(passed)    close
 *   OPEN ───────────► DISPATCHED ───► ACCEPTED ───► HANDLING ───────► RESOLVED ───────────► VERIFIED ─────► CLOSED
 *    ▲                  │   return       │              ▲                 │
 *    └──────────────────┴────────────────┘              └─────────────────┘
 *                                                       verify(failed): rework
 *
 *   false-alarm: OPEN | DISPATCHED | ACCEPTED | HANDLING | RESOLVED ──► FALSE_ALARM (closed, with a reason)
 *   escalate:    any open stage, stage unchanged, ownership one tier up (community → street → district)
 *   comment:     any stage, stage unchanged
 * </pre>
 *
 * {@link #CLOSED} and {@link #FALSE_ALARM} are final. A case in any other stage is "open": new alarms about
 * its place or from its sources join it.
 */
public enum CaseStage {
    /** Filed (立案): opened by an alarm or a report, nobody assigned yet. */
    OPEN,
    /** Dispatched (派遣) to a team or a person. */
    DISPATCHED,
    /** The assignee has accepted it. */
    ACCEPTED,
    /** Being handled on site (处置). */
    HANDLING,
    /** The assignee reports it resolved. */
    RESOLVED,
    /** The command centre has verified the resolution (核查). */
    VERIFIED,
    /** Closed (结案). Final. */
    CLOSED,
    /** Closed as a false alarm (误报), with a reason. Final. */
    FALSE_ALARM;

    public boolean isClosed() {
        return this == CLOSED || this == FALSE_ALARM;
    }
}
