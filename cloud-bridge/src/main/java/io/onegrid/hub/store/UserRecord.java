package io.onegrid.hub.store;

import io.onegrid.hub.cases.Role;

/** A hub user: a role, scoped to a grid subtree ({@code scopeNode} null = the whole grid). */
public record UserRecord(String username, String passwordHash, Role role, String scopeNode, String displayName) {

    @Override
    public String toString() {
        return "UserRecord[" + username + ", role=" + role + ", scope=" + scopeNode + "]";
    }
}
