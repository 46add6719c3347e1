package io.onegrid.hub.cases;

import static io.onegrid.hub.cases.CaseStage.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The case stage machine drawn in {@link CaseStage}: which action is allowed in which stage, and where it
 * leads. Pure; who may act (roles) is {@link CaseRoles}, the rest (ownership, deadlines) the store's.
 */
public final class CaseMachine {
    private static final Map<CaseAction, Set<CaseStage>> FROM = Map.of(
            CaseAction.DISPATCH, EnumSet.of(OPEN),
            CaseAction.ACCEPT, EnumSet.of(DISPATCHED),
            CaseAction.START, EnumSet.of(ACCEPTED),
            CaseAction.RESOLVE, EnumSet.of(HANDLING),
            CaseAction.VERIFY, EnumSet.of(RESOLVED),
            CaseAction.CLOSE, EnumSet.of(VERIFIED),
            CaseAction.FALSE_ALARM, EnumSet.of(OPEN, DISPATCHED, ACCEPTED, HANDLING, RESOLVED),
            CaseAction.RETURN, EnumSet.of(DISPATCHED, ACCEPTED),
            CaseAction.ESCALATE, EnumSet.of(OPEN, DISPATCHED, ACCEPTED, HANDLING, RESOLVED, VERIFIED),
            CaseAction.COMMENT, EnumSet.allOf(CaseStage.class));

    private CaseMachine() { }

    public static boolean allows(CaseStage stage, CaseAction action) {
        return FROM.get(action).contains(stage);
    }

    /** The actions the stage allows, in declaration order. */
    public static List<CaseAction> allowed(CaseStage stage) {
        return java.util.Arrays.stream(CaseAction.values()).filter(a -> allows(stage, a)).toList();
    }

    /**
     * The stage after {@code action}; {@code passed} matters only for {@link CaseAction#VERIFY} (a failed
     * verification sends the case back to {@link CaseStage#HANDLING}). Throws if the stage does not allow it.
     */
    public static CaseStage next(CaseStage stage, CaseAction action, boolean passed) {
        if (!allows(stage, action)) {
            throw new IllegalStateException(action.wireName() + " is not allowed in stage " + stage);
        }
        return switch (action) {
            case DISPATCH -> DISPATCHED;
            case ACCEPT -> ACCEPTED;
            case START -> HANDLING;
            case RESOLVE -> RESOLVED;
            case VERIFY -> passed ? VERIFIED : HANDLING;
            case CLOSE -> CLOSED;
            case FALSE_ALARM -> FALSE_ALARM;
            case RETURN -> OPEN;
            case ESCALATE, COMMENT -> stage;
        };
    }
}
