package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, their login tokens, and the audit log. */
public interface UserStore {

    Optional<UserRecord> user(String username);

    /** Creates a user; false if the name is taken. */
    boolean createUser(UserRecord user);

    List<UserRecord> users();

    void storeToken(String tokenHash, String username, Instant expiresAt);

    /** The session a token hash belongs to, if it exists and has not expired at {@code now}. */
    Optional<TokenSession> tokenSession(String tokenHash, Instant now);

    /** Logout: the token stops working at once. */
    void deleteToken(String tokenHash);

    int deleteExpiredTokens(Instant now);

    void audit(String username, String action, String subject, String detail);

    List<AuditEntry> auditLog(Instant from, int limit);
}
