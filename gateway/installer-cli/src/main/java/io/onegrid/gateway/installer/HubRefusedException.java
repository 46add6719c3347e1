package io.onegrid.gateway.installer;

/** The hub said no, or could not be reached (exit code 1); the message is one line saying what to do. */
public final class HubRefusedException extends Exception {
    public HubRefusedException(String message) {
        super(message);
    }

    public HubRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
