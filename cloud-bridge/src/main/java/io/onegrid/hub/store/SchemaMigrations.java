package io.onegrid.hub.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to date with Flyway. The scripts (classpath {@code io/onegrid/hub/store/db},
 * {@code V<n>__name.sql}) are shared by SQLite and PostgreSQL; where the two differ a script uses a
 * placeholder of {@link SqlDialect#placeholders()}. Databases made by the hub's first migrator (table
 * {@code schema_version}, versions 1–3) are baselined at their version and upgraded from there, without
 * losing data. A database newer than this hub, or a changed applied script, stops the start.
 */
public final class SchemaMigrations {
    static final String LOCATION = "classpath:io/onegrid/hub/store/db";
    static final String HISTORY_TABLE = "flyway_schema_history";

    private SchemaMigrations() { }

    /** Migrates; returns the number of scripts applied now. */
    static int migrate(Database db) {
        int legacy = legacyVersion(db);
        var cfg = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(db.dataSource())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .placeholders(db.dialect().placeholders())
                .validateMigrationNaming(true)
                .outOfOrder(false);
        if (legacy > 0) cfg.baselineOnMigrate(true).baselineVersion(String.valueOf(legacy))
                .baselineDescription("schema_version " + legacy + " of the first migrator");
        try {
            MigrateResult r = cfg.load().migrate();
            return r.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database schema: " + e.getMessage(), e);
        }
    }

    /**
     * The newest script's version: what a fully migrated database reports. Versions may have gaps (branches that
     * add scripts in parallel take different numbers); Flyway applies whatever scripts there are, in order.
     */
    public static int latestVersion() {
        return 13;
    }

    /** The applied version (0 for an empty database). */
    static int currentVersion(Connection c) throws SQLException {
        if (!hasTable(c, HISTORY_TABLE)) return 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT version FROM " + HISTORY_TABLE + " WHERE success = TRUE AND version IS NOT NULL")) {
            int max = 0;
            while (rs.next()) max = Math.max(max, Integer.parseInt(rs.getString(1)));
            return max;
        }
    }

    /** The version recorded by the first migrator when Flyway has not run here yet; 0 otherwise. */
    private static int legacyVersion(Database db) {
        try (Connection c = db.dataSource().getConnection()) {
            if (hasTable(c, HISTORY_TABLE) || !hasTable(c, "schema_version")) return 0;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                int v = rs.getInt(1);
                if (v > 3) throw new StoreException("database schema version " + v + " is newer than this hub: use a "
                        + "newer hub or a fresh --data-dir");
                return v;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, null, name, null)) {
            return rs.next();
        }
    }
}
