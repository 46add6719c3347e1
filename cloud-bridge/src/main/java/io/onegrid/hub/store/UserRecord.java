package io.onegrid.hub.store;

/** A hub user. Roles: {@code admin}, {@code operator}. */
public record UserRecord(String username, String passwordHash, String role) {
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_OPERATOR = "operator";

    @Override
    public String toString() {
        return "UserRecord[" + username + ", role=" + role + "]";
    }
}
