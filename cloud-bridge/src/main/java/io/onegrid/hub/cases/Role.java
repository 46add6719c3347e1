package io.onegrid.hub.cases;

import java.util.Locale;
import java.util.Optional;

/**
 * A hub user's role. Every user is also scoped to a grid subtree ({@link Scope}); the role says what they may
 * do there.
 */
public enum Role {
    /** Manages users, the grid and gateways; acts on every case. */
    ADMIN,
    /** A command-centre operator: watches and runs the whole loop in their part of the grid. */
    OPERATOR,
    /** A grid worker, social worker, property manager or fire station: accepts and handles cases. */
    RESPONDER,
    /** Claims gateways and walk-tests devices; sees devices, not residents. */
    INSTALLER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String s) {
        for (Role r : values()) {
            if (r.wireName().equals(s)) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** Whether the role sees residents' personal data (names, phones, contacts) unmasked; every read is audited. */
    public boolean seesPersonalData() {
        return this == ADMIN || this == OPERATOR || this == RESPONDER;
    }

    /** Whether the role sees cases at all. */
    public boolean seesCases() {
        return this != INSTALLER;
    }
}
