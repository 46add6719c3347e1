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

    /**
     * SQLSTATEs outside those classes that are still the database's state: lock not available (55P03), object in
     * use (55006), read-only transaction (25006, a replica after fail-over), serialization/deadlock are class 40.
     */
    private static final Set<String> SQLSTATES = Set.of("55P03", "55006", "25006");

    private StoreErrors() { }

    /**
     * Whether the same write could succeed later. Looks through the causes (a driver often wraps an I/O error), so
     * that a connection lost inside some wrapper is not mistaken for a message that can never be stored.
     */
    static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLTransientException || c instanceof java.sql.SQLRecoverableException) return true;
            // network I/O only: other IOExceptions (a JSON writer's) can be about the message itself
            if (c instanceof java.net.SocketException || c instanceof java.io.EOFException
                    || c instanceof java.io.InterruptedIOException) return true;
            if (c instanceof SQLException e && isTransientState(e)) return true;
        }
        return false; // a runtime error in our code repeats on the same input
    }

    private static boolean isTransientState(SQLException e) {
        if (SQLITE_STATE_CODES.contains(e.getErrorCode() & 0xff) && e.getErrorCode() != 0) return true;
        String state = e.getSQLState();
        if (state == null || state.length() < 2) return false;
        return SQLSTATES.contains(state) || SQLSTATE_CLASSES.contains(state.substring(0, 2));
    }
}
