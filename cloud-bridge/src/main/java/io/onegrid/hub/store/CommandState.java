package io.onegrid.hub.store;

import java.util.Locale;

/**
 * Where a command to a gateway stands. PENDING: recorded, not yet received by the gateway (it is away, or the
 * PUBLISH is in flight); DELIVERED: the gateway acknowledged the PUBLISH; REPLIED: it answered that it carried the
 * command out; FAILED: it answered that it could not (its error code is kept), or refused the PUBLISH; EXPIRED: the
 * command's time ran out before it was carried out (never delivered, no answer in time, or the gateway answered
 * "expired").
 */
public enum CommandState {
    PENDING, DELIVERED, REPLIED, FAILED, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Still waiting for the gateway: it may yet receive or answer it. */
    public boolean open() {
        return this == PENDING || this == DELIVERED;
    }
}
