package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.Envelopes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the store contract on a real SQLite file, plus SQLite-specific checks (migrations, durability). */
class SqliteHubStoreTest extends HubStoreContract {
    @TempDir
    Path dir;

    @Override
    protected HubStore newStore() {
        return SqliteHubStore.open(dir.resolve("hub.db"), clock, WINDOW);
    }

    /** Verifies that migrations are recorded, the file is in WAL mode, and reopening applies nothing twice. */
    @Test
    void migrationsRecordedAndIdempotent() throws Exception {
        // GIVEN the store opened by the contract set-up
        store.apply(List.of(new StoreOp.Ingest(Envelopes.hydrantLow("gw-1", 1, "a-1"))));
        store.close();
        // WHEN reopened
        store = newStore();
        // THEN data survived, and schema_version holds exactly the known scripts
        assertThat(store.stats().alarms()).isEqualTo(1);
        assertThat(store.stats().schemaVersion()).isEqualTo(Migrations.latestVersion());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(name) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
                assertThat(rs.getString(2)).isEqualTo("001-initial-schema.sql");
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    /** Verifies that a database with a changed migration history refuses to open. */
    @Test
    void tamperedMigrationRefused() throws Exception {
        // GIVEN
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schema_version SET checksum = 'x' WHERE version = 1");
        }
        // WHEN / THEN
        assertThatThrownBy(this::newStore).isInstanceOf(StoreException.class).hasMessageContaining("differs");
        store = newStoreIgnoringErrors();
    }

    /** Verifies that the script splitter drops comments and splits on lines ending in ';'. */
    @Test
    void splitsStatements() {
        assertThat(Migrations.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n  ON a (x)");
    }

    /** Verifies that a closed store reports failure instead of pretending to store. */
    @Test
    void closedStoreFails() {
        store.close();
        assertThatThrownBy(() -> store.apply(List.of(new StoreOp.Ingest(Envelopes.hydrantLow("gw-1", 1, "a")))))
                .isInstanceOf(StoreException.class);
    }

    private HubStore newStoreIgnoringErrors() {
        return SqliteHubStore.open(dir.resolve("other.db"), clock, WINDOW);
    }
}
