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

    /** Verifies that constraint violations and runtime errors (bugs) would repeat, so are not transient. */
    @Test
    void messageCausedErrorsAreFinal() {
        assertThat(StoreErrors.isTransient(new SQLException("constraint", null, 19))).isFalse();
        assertThat(StoreErrors.isTransient(new SQLException("fk", null, 19 | (3 << 8)))).isFalse(); // CONSTRAINT_FOREIGNKEY
        assertThat(StoreErrors.isTransient(new SQLException("unique", "23505", 0))).isFalse();
        assertThat(StoreErrors.isTransient(new NullPointerException("bug"))).isFalse();
    }
}
