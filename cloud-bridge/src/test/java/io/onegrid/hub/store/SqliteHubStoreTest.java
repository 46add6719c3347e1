package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.cases.Scope;
import java.nio.charset.StandardCharsets;
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
        return TestStores.sqlite(dir.resolve("hub.db"), clock);
    }

    /** Verifies that Flyway records every script, the file is in WAL mode, and reopening applies nothing twice. */
    @Test
    void migrationsRecordedAndIdempotent() throws Exception {
        // GIVEN the store opened by the contract set-up
        store.apply(List.of(new StoreOp.Ingest(Envelopes.hydrantLow("gw-1", 1, "a-1"))));
        store.close();
        // WHEN reopened
        store = newStore();
        // THEN data survived and the schema is at the newest version
        assertThat(store.stats().alarms()).isEqualTo(1);
        assertThat(store.stats().schemaVersion()).isEqualTo(SchemaMigrations.latestVersion());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")) {
                rs.next();
                // one row per script; versions may have gaps, so count the scripts rather than trust the number
                assertThat(rs.getInt(1)).isEqualTo(migrationScripts());
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    private static long migrationScripts() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/io/onegrid/hub/store/db"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
    }

    /** Verifies that a database whose applied script was changed refuses to open. */
    @Test
    void tamperedMigrationRefused() throws Exception {
        // GIVEN
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
        }
        // WHEN / THEN
        assertThatThrownBy(this::newStore).isInstanceOf(StoreException.class).hasMessageContaining("checksum");
        store = TestStores.sqlite(dir.resolve("other.db"), clock);
    }

    /**
     * Verifies the upgrade of a database made by the first migrator (schema_version 1–3): it is baselined at 3,
     * version 4 is applied, and its cases and alarms are kept.
     */
    @Test
    void legacyDatabaseUpgradedWithoutLoss() throws Exception {
        // GIVEN a version-3 database with one case, as the previous hub wrote it
        Path legacy = dir.resolve("legacy.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + legacy); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                    + "checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            for (int v = 1; v <= 3; v++) {
                String name = List.of("V1__initial_schema.sql", "V2__retention_indexes.sql", "V3__gateway_boot_clocks.sql").get(v - 1);
                String sql = new String(SqliteHubStoreTest.class.getResourceAsStream("/io/onegrid/hub/store/db/" + name)
                        .readAllBytes(), StandardCharsets.UTF_8).replace("${id_pk}", "INTEGER PRIMARY KEY");
                for (String stmt : sql.split(";\\s*\\n")) {
                    String body = stmt.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
                    if (!body.isBlank()) st.execute(body);
                }
                st.execute("INSERT INTO schema_version VALUES (" + v + ", 'x', 'y', 0)");
            }
            st.execute("INSERT INTO cases (type, severity, stage, site, unit, opened_at, updated_at, last_alarm_at) "
                    + "VALUES ('fire.smoke', 'CRITICAL', 'OPEN', 'bldg-7', '302', 1, 1, 1)");
        }
        // WHEN the new hub opens it
        store.close();
        store = TestStores.sqlite(legacy, clock);
        // THEN the case is there, now with a version and the whole-grid scope
        assertThat(store.stats().schemaVersion()).isEqualTo(SchemaMigrations.latestVersion());
        CaseSummary s = store.cases(CaseQuery.all()).items().get(0);
        assertThat(s.site()).isEqualTo("bldg-7");
        assertThat(s.version()).isEqualTo(1);
        assertThat(store.caseDetail(s.id(), Scope.ALL)).isPresent();
    }

    /** Verifies that a closed store reports failure instead of pretending to store. */
    @Test
    void closedStoreFails() {
        store.close();
        assertThatThrownBy(() -> store.apply(List.of(new StoreOp.Ingest(Envelopes.hydrantLow("gw-1", 1, "a")))))
                .isInstanceOf(StoreException.class);
    }
}
