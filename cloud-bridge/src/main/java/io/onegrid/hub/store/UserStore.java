package io.onegrid.hub.store;

import io.onegrid.hub.cases.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, their login tokens, and the audit log. */
public interface UserStore {

    Optional<UserRecord> user(String username);

    /** Creates a user; false if the name is taken. */
    boolean createUser(UserRecord user);

    List<UserRecord> users();

    /**
     * What an admin changes of a user; null components stay as they are ({@code scopeNode} is applied only when
     * {@code setScope}, so an admin can be given the whole grid with null).
     */
    record UserChange(String passwordHash, Role role, boolean setScope, String scopeNode, String displayName,
                      Boolean disabled) { }

    /**
     * Applies an admin's change by {@code by}, audited. Resetting the password or disabling ends every session of the
     * user at once; enabling again keeps the password. Refused (CONFLICT) when it would leave no enabled admin.
     * Empty when there is no such user.
     */
    Optional<UserRecord> updateUser(String username, UserChange change, String by);

    /**
     * A user's own password change: the new hash, every other session of the user ended ({@code keepTokenHash} is
     * the session making the change), audited.
     */
    void changeOwnPassword(String username, String newPasswordHash, String keepTokenHash);

    void storeToken(String tokenHash, String username, Instant expiresAt);

    /** The session a token hash belongs to, if it exists and has not expired at {@code now}. */
    Optional<TokenSession> tokenSession(String tokenHash, Instant now);

    /** Logout: the token stops working at once. */
    void deleteToken(String tokenHash);

    int deleteExpiredTokens(Instant now);

    void audit(String username, String action, String subject, String detail);

    List<AuditEntry> auditLog(Instant from, int limit);
}
