package io.onegrid.protocol;

/** A message that breaks the wire contract. Carries a {@link ProtocolError} code and a sentence for humans. */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProtocolError error;

    public ProtocolException(ProtocolError error, String message) {
        super(message);
        this.error = error;
    }

    public ProtocolException(ProtocolError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ProtocolError error() {
        return error;
    }
}
