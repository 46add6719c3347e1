package io.onegrid.api;

/** The outbox could not store or read (disk full, database locked or corrupt). */
public class OutboxException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Code { FULL, IO, CORRUPT, CLOSED }

    private final Code code;

    public OutboxException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
