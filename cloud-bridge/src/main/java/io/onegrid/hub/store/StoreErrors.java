package io.onegrid.hub.store;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a database error caused by the database's state (busy, full, I/O, connection: retrying later can
 * succeed) from one caused by what was being written (a constraint it breaks: retrying fails the same way).
 */
final class StoreErrors {
    /**
     * SQLite primary result codes of the database's state: BUSY, LOCKED, NOMEM, READONLY, INTERRUPT, IOERR,
     * CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB. Extended codes keep the primary code in their low byte.
     */
    private static final Set<Integer> SQLITE_STATE_CODES = Set.of(5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 26);
    /** SQLSTATE classes of the same kind (PostgreSQL and others): connection, rollback, resources, operator, system. */
    private static final Set<String> SQLSTATE_CLASSES = Set.of("08", "40", "53", "57", "58");

    private StoreErrors() { }

    /** Whether the same write could succeed later. */
    static boolean isTransient(Throwable t) {
        if (!(t instanceof SQLException e)) return false; // a runtime error in our code repeats on the same input
        if (SQLITE_STATE_CODES.contains(e.getErrorCode() & 0xff)) return true;
        String state = e.getSQLState();
        return state != null && state.length() >= 2 && SQLSTATE_CLASSES.contains(state.substring(0, 2));
    }
}
