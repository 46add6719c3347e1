package io.onegrid.hub.cases;

import java.util.Locale;
import java.util.Optional;

/** What a person can do to a case; {@code POST /api/cases/{id}/{action}} names it by {@link #wireName()}. */
public enum CaseAction {
    DISPATCH, ACCEPT, START, RESOLVE, VERIFY, CLOSE, FALSE_ALARM, RETURN, ESCALATE, COMMENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CaseAction> fromWire(String s) {
        for (CaseAction a : values()) {
            if (a.wireName().equals(s)) return Optional.of(a);
        }
        return Optional.empty();
    }
}
