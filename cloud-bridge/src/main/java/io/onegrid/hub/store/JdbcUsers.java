package io.onegrid.hub.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link UserStore} of {@link JdbcHubStore}: users, their sessions (tokens) and the audit log. */
final class JdbcUsers implements UserStore {
    private final Database db;
    private final Clock clock;

    JdbcUsers(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<UserRecord> user(String username) {
        return db.read("reading user", c -> UserSql.user(c, username));
    }

    @Override
    public boolean createUser(UserRecord user) {
        return db.write("creating user", c -> UserSql.create(c, user, clock.millis()));
    }

    @Override
    public List<UserRecord> users() {
        return db.read("listing users", UserSql::users);
    }

    @Override
    public Optional<UserRecord> updateUser(String username, UserChange change, String by) {
        return db.write("updating user " + username, c -> UserSql.update(c, db.dialect(), username, change, by, clock.millis()));
    }

    @Override
    public void changeOwnPassword(String username, String newPasswordHash, String keepTokenHash) {
        db.write("changing the password of " + username, c -> {
            UserSql.changeOwnPassword(c, username, newPasswordHash, keepTokenHash, clock.millis());
            return null;
        });
    }

    @Override
    public void storeToken(String tokenHash, String username, Instant expiresAt) {
        db.write("storing token", c -> Sql.update(c, "INSERT INTO tokens (token_hash, username, expires_at, created_at) "
                + "VALUES (?, ?, ?, ?)", tokenHash, username, expiresAt.toEpochMilli(), clock.millis()));
    }

    @Override
    public Optional<TokenSession> tokenSession(String tokenHash, Instant now) {
        return db.read("reading token", c -> UserSql.session(c, tokenHash, now.toEpochMilli()));
    }

    @Override
    public void deleteToken(String tokenHash) {
        db.write("logging out", c -> Sql.update(c, "DELETE FROM tokens WHERE token_hash = ?", tokenHash));
    }

    @Override
    public int deleteExpiredTokens(Instant now) {
        return db.write("deleting expired tokens", c -> Sql.update(c, "DELETE FROM tokens WHERE expires_at <= ?",
                now.toEpochMilli()));
    }

    @Override
    public void audit(String username, String action, String subject, String detail) {
        db.write("writing the audit log", c -> UserSql.appendAudit(c, clock.millis(), username, action, subject, detail));
    }

    @Override
    public List<AuditEntry> auditLog(Instant from, int limit) {
        return db.read("reading the audit log", c -> UserSql.audit(c, from.toEpochMilli(), limit));
    }
}
