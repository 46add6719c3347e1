package io.onegrid.outbox;

import io.onegrid.api.OutboxException;
import java.sql.SQLException;

/** Maps SQLite result codes to {@link OutboxException} codes, so callers can tell a full disk from a broken file. */
final class SqliteErrors {
    static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    static final int SQLITE_NOTADB = 26;

    private SqliteErrors() { }

    static OutboxException map(String what, SQLException e) {
        int primary = primaryCode(e);
        OutboxException.Code code;
        String why;
        if (primary == SQLITE_FULL) {
            code = OutboxException.Code.FULL;
            why = "disk or database full";
        } else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
            code = OutboxException.Code.CORRUPT;
            why = "file is corrupt or not an SQLite database";
        } else {
            code = OutboxException.Code.IO;
            why = "SQLite error " + primary;
        }
        return new OutboxException(code, what + ": " + why + " (" + e.getMessage() + ")", e);
    }

    static int primaryCode(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                return s.getErrorCode() & 0xff;
            }
        }
        return 0;
    }
}
