package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database errors are worth a retry (0x97) and which would repeat (0x83). */
class StoreErrorsTest {

    /** Verifies that SQLite busy, full and I/O errors (also as extended codes) are transient. */
    @Test
    void databaseStateIsTransient() {
        assertThat(StoreErrors.isTransient(new SQLException("busy", null, 5))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("disk full", null, 13))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("write", null, 10 | (3 << 8)))).isTrue(); // IOERR_WRITE
        assertThat(StoreErrors.isTransient(new SQLException("connection lost", "08006", 0))).isTrue();
    }

    /**
     * Verifies that the driver's transient and recoverable exception types, PostgreSQL lock timeouts and read-only
     * fail-over states, and I/O errors wrapped in other exceptions are transient too.
     */
    @Test
    void transientTypesStatesAndWrappedCauses() {
        assertThat(StoreErrors.isTransient(new java.sql.SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(StoreErrors.isTransient(new java.sql.SQLRecoverableException("reconnect"))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("lock timeout", "55P03", 0))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("read-only", "25006", 0))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("i/o", null, 0, new java.io.EOFException()))).isTrue();
        assertThat(StoreErrors.isTransient(new IllegalStateException(new SQLException("busy", null, 5)))).isTrue();
    }

    /** Verifies that constraint violations and runtime errors (bugs) would repeat, so are not transient. */
    @Test
    void messageCausedErrorsAreFinal() {
        assertThat(StoreErrors.isTransient(new SQLException("constraint", null, 19))).isFalse();
        assertThat(StoreErrors.isTransient(new SQLException("fk", null, 19 | (3 << 8)))).isFalse(); // CONSTRAINT_FOREIGNKEY
        assertThat(StoreErrors.isTransient(new SQLException("unique", "23505", 0))).isFalse();
        assertThat(StoreErrors.isTransient(new NullPointerException("bug"))).isFalse();
        assertThat(StoreErrors.isTransient(new SQLException("no code at all"))).isFalse();
        assertThat(StoreErrors.isTransient(new SQLException("json", null, 0, new java.io.IOException("bad value"))))
                .isFalse();
    }
}
