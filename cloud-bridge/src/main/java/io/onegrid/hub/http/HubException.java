package io.onegrid.hub.http;

/** An API error with its {@link HubError} code and a sentence for the caller (never a secret). */
public class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final HubError error;

    public HubException(HubError error, String message) {
        super(message);
        this.error = error;
    }

    public HubError error() {
        return error;
    }
}
