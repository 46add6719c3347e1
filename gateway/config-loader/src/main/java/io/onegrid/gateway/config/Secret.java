package io.onegrid.gateway.config;

/**
 * A password read from the configuration file or from a password file. {@link #toString()} hides the
 * value so a secret that ends up in a log line or an exception message shows as {@code ****}.
 */
public record Secret(String value) {
    public Secret {
        if (value == null) throw new IllegalArgumentException("secret value is required");
    }

    @Override
    public String toString() {
        return "****";
    }
}
