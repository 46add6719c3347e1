package io.onegrid.hub.cases;

import java.util.EnumSet;
import java.util.Set;

/** Who may take which action: command centres run the loop, responders do the field part. */
public final class CaseRoles {
    private static final Set<CaseAction> RESPONDER = EnumSet.of(CaseAction.ACCEPT, CaseAction.START, CaseAction.RESOLVE,
            CaseAction.RETURN, CaseAction.COMMENT);

    private CaseRoles() { }

    public static boolean may(Role role, CaseAction action) {
        return switch (role) {
            case ADMIN, OPERATOR -> true;
            case RESPONDER -> RESPONDER.contains(action);
            case INSTALLER -> false;
        };
    }
}
