package io.onegrid.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Small JDBC conveniences shared by the store's SQL classes. */
final class Sql {
    private Sql() { }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }

    /** Binds mixed parameters: String, Long, Integer, Boolean or null (untyped, so PostgreSQL infers the column type). */
    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            if (a == null) ps.setNull(i++, Types.NULL);
            else if (a instanceof Long l) ps.setLong(i++, l);
            else if (a instanceof Integer n) ps.setInt(i++, n);
            else if (a instanceof Boolean b) ps.setBoolean(i++, b);
            else ps.setString(i++, a.toString());
        }
    }

    static int update(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
