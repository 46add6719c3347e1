package io.onegrid.hub.store;

import io.onegrid.hub.cases.Role;
import java.time.Instant;

/**
 * A hub user: a role, scoped to a grid subtree ({@code scopeNode} null = the whole grid); {@code disabledAt} set
 * when an admin disabled the account (it can no longer log in, and its sessions ended then).
 */
public record UserRecord(String username, String passwordHash, Role role, String scopeNode, String displayName,
                         Instant disabledAt) {

    /** An enabled user. */
    public UserRecord(String username, String passwordHash, Role role, String scopeNode, String displayName) {
        this(username, passwordHash, role, scopeNode, displayName, null);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    @Override
    public String toString() {
        return "UserRecord[" + username + ", role=" + role + ", scope=" + scopeNode + (disabled() ? ", disabled" : "") + "]";
    }
}
