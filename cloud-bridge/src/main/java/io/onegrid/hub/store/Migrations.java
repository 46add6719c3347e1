package io.onegrid.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Schema migrations: a numbered list of SQL scripts (classpath resources next to this class), applied in
 * order, each in its own transaction together with its row in {@code schema_version}. A recorded script
 * whose checksum changed, or a database newer than this code, stops the start: changing history is a bug.
 * Scripts hold plain statements separated by a line ending in {@code ;} (no procedural bodies).
 */
public final class Migrations {
    /** The scripts, in order; version = position + 1. Append only. */
    public static final List<String> SCRIPTS = List.of(
            "001-initial-schema.sql",
            "002-retention-indexes.sql",
            "003-gateway-boot-clocks.sql");

    private Migrations() { }

    public static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Brings the schema up to date; returns the number of scripts applied now. */
    public static int migrate(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "name VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
        }
        c.setAutoCommit(false);
        try {
            List<String[]> applied = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version, name, checksum FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    applied.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            c.commit();
            if (applied.size() > SCRIPTS.size()) {
                throw new StoreException("database schema version " + applied.size() + " is newer than this hub ("
                        + SCRIPTS.size() + "): use a newer hub or a fresh --data-dir");
            }
            for (int i = 0; i < applied.size(); i++) {
                String name = SCRIPTS.get(i);
                if (!applied.get(i)[1].equals(name) || !applied.get(i)[2].equals(checksum(read(name)))) {
                    throw new StoreException("migration " + (i + 1) + " (" + name + ") differs from the one applied to "
                            + "this database; refusing to start");
                }
            }
            int count = 0;
            for (int i = applied.size(); i < SCRIPTS.size(); i++) {
                apply(c, i + 1, SCRIPTS.get(i));
                count++;
            }
            return count;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The highest applied version, 0 for an empty database. */
    public static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection c, int version, String name) throws SQLException {
        String sql = read(name);
        try (Statement st = c.createStatement()) {
            for (String statement : statements(sql)) {
                st.execute(statement);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, name);
            ps.setString(3, checksum(sql));
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
        c.commit();
    }

    /** Splits a script into statements: comment lines dropped, a statement ends with a line ending in ';'. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) continue;
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new StoreException("migration script does not end with ';'");
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) throw new StoreException("migration script missing from the classpath: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + name, e);
        }
    }

    private static String checksum(String sql) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
