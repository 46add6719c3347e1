package io.onegrid.hub.store;

import io.onegrid.hub.cases.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of users, tokens and the audit log. */
final class UserSql {
    private static final String COLUMNS = "username, password_hash, role, scope_node, display_name, disabled_at";

    private UserSql() { }

    static Optional<UserRecord> user(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static List<UserRecord> users(Connection c) throws SQLException {
        List<UserRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(row(rs));
        }
        return out;
    }

    private static UserRecord row(ResultSet rs) throws SQLException {
        // a role this hub does not know (written by a newer hub) is read as the least powerful one
        return new UserRecord(rs.getString(1), rs.getString(2), Role.fromWire(rs.getString(3)).orElse(Role.INSTALLER),
                rs.getString(4), rs.getString(5), Sql.instant(rs, 6));
    }

    /** The lock key of account changes: two admins changing each other at once are serialised (the last-admin rule). */
    private static final long ACCOUNTS_LOCK = 0x0BE9_0001L;

    static Optional<UserRecord> update(Connection c, SqlDialect dialect, String username, UserStore.UserChange ch, String by,
                                       long now) throws SQLException {
        String lock = dialect.transactionLock();
        if (lock != null) {
            // PostgreSQL reads committed rows: without it two admins disabling each other both see the other enabled
            try (PreparedStatement ps = c.prepareStatement(lock)) {
                ps.setLong(1, ACCOUNTS_LOCK);
                ps.execute();
            }
        }
        Optional<UserRecord> before = user(c, username);
        if (before.isEmpty()) return Optional.empty();
        UserRecord u = before.get();
        boolean disabling = Boolean.TRUE.equals(ch.disabled()) && !u.disabled();
        boolean demoting = ch.role() != null && ch.role() != Role.ADMIN;
        if (u.role() == Role.ADMIN && !u.disabled() && (disabling || demoting) && otherEnabledAdmins(c, username) == 0) {
            throw new io.onegrid.hub.errors.HubException(io.onegrid.hub.errors.HubError.CONFLICT,
                    "user " + username + " is the last enabled admin; make another admin first");
        }
        List<String> what = new ArrayList<>();
        if (ch.passwordHash() != null) {
            Sql.update(c, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?", ch.passwordHash(), now,
                    username);
            what.add("password reset");
        }
        if (ch.role() != null && ch.role() != u.role()) {
            Sql.update(c, "UPDATE users SET role = ? WHERE username = ?", ch.role().wireName(), username);
            what.add("role " + ch.role().wireName());
        }
        if (ch.setScope() && !java.util.Objects.equals(ch.scopeNode(), u.scopeNode())) {
            Sql.update(c, "UPDATE users SET scope_node = ? WHERE username = ?", ch.scopeNode(), username);
            what.add("scope " + ch.scopeNode());
        }
        if (ch.displayName() != null && !ch.displayName().equals(u.displayName())) {
            Sql.update(c, "UPDATE users SET display_name = ? WHERE username = ?", ch.displayName(), username);
            what.add("display name");
        }
        if (ch.disabled() != null && ch.disabled() != u.disabled()) {
            Sql.update(c, "UPDATE users SET disabled_at = ? WHERE username = ?", ch.disabled() ? now : null, username);
            what.add(ch.disabled() ? "disabled" : "enabled");
        }
        if (ch.passwordHash() != null || disabling) {
            int ended = Sql.update(c, "DELETE FROM tokens WHERE username = ?", username);
            what.add(ended + " sessions ended");
        }
        if (!what.isEmpty()) appendAudit(c, now, by, "update user", "user:" + username, String.join(", ", what));
        return user(c, username);
    }

    private static int otherEnabledAdmins(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users WHERE role = ? AND disabled_at IS NULL "
                + "AND username <> ?")) {
            Sql.bind(ps, Role.ADMIN.wireName(), username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void changeOwnPassword(Connection c, String username, String hash, String keepTokenHash, long now)
            throws SQLException {
        Sql.update(c, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?", hash, now, username);
        int ended = Sql.update(c, "DELETE FROM tokens WHERE username = ? AND token_hash <> ?", username, keepTokenHash);
        appendAudit(c, now, username, "change password", "user:" + username, ended + " other sessions ended");
    }

    static boolean create(Connection c, UserRecord u, long now) throws SQLException {
        return Sql.update(c, "INSERT INTO users (username, password_hash, role, scope_node, display_name, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING", u.username(), u.passwordHash(),
                u.role().wireName(), u.scopeNode(), u.displayName(), now) == 1;
    }

    static Optional<TokenSession> session(Connection c, String tokenHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.role, u.scope_node, t.expires_at FROM tokens t "
                + "JOIN users u ON u.username = t.username WHERE t.token_hash = ? AND t.expires_at > ? "
                + "AND u.disabled_at IS NULL")) {
            Sql.bind(ps, tokenHash, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TokenSession(rs.getString(1), Role.fromWire(rs.getString(2))
                        .orElse(Role.INSTALLER), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), tokenHash))
                        : Optional.empty();
            }
        }
    }

    /** Appends one audit line (in the caller's transaction, so the line and what it records commit together). */
    static int appendAudit(Connection c, long at, String username, String action, String subject, String detail)
            throws SQLException {
        return Sql.update(c, "INSERT INTO audit_log (at, username, action, subject, detail) VALUES (?, ?, ?, ?, ?)", at,
                username, action, Sql.clip(subject, 200), Sql.clip(detail, 2000));
    }

    static List<AuditEntry> audit(Connection c, long from, int limit) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, username, action, subject, detail FROM audit_log "
                + "WHERE at >= ? ORDER BY id DESC LIMIT ?")) {
            Sql.bind(ps, from, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}
