package io.onegrid.hub.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * The stages of a case, following the grid-management loop file → dispatch → handle → verify → close:
 *
 * <pre>
 *   OPEN ─► DISPATCHED ─► ACCEPTED ─► HANDLING ─► RESOLVED ─► VERIFIED ─► CLOSED
 *     │          │            │           │           │           │
 *     └──────────┴────────────┴───────────┴───────────┴───────────┴──► CLOSED_FALSE_ALARM
 * </pre>
 *
 * Each stage moves only to the next one, or from any stage that is not closed to
 * {@link #CLOSED_FALSE_ALARM}. {@link #CLOSED} and {@link #CLOSED_FALSE_ALARM} are final. A case in a
 * stage that is not closed is "open" for correlation: new alarms can join it.
 */
public enum CaseStage {
    /** Filed (立案): opened by an alarm or a report, nobody assigned yet. */
    OPEN,
    /** Dispatched (派遣) to a responsible tier or worker. */
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
    /** Closed as a false alarm (误报). Final. */
    CLOSED_FALSE_ALARM;

    public boolean isClosed() {
        return this == CLOSED || this == CLOSED_FALSE_ALARM;
    }

    /** The stages this one may move to. */
    public Set<CaseStage> next() {
        if (isClosed()) return EnumSet.noneOf(CaseStage.class);
        CaseStage forward = values()[ordinal() + 1];
        return forward == CLOSED_FALSE_ALARM ? EnumSet.of(CLOSED_FALSE_ALARM) : EnumSet.of(forward, CLOSED_FALSE_ALARM);
    }

    public boolean canMoveTo(CaseStage target) {
        return next().contains(target);
    }

    /** The target stage if the move is allowed; otherwise an {@link IllegalStateException} saying why. */
    public CaseStage moveTo(CaseStage target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("a case cannot move from " + this + " to " + target
                    + (isClosed() ? " (it is closed)" : "; allowed: " + next()));
        }
        return target;
    }
}
