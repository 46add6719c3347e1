package io.onegrid.gateway.installer;

/** A command line the installer must correct (exit code 2); the message says how. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
