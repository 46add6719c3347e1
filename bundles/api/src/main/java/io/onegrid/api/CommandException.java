package io.onegrid.api;

/** A command could not be carried out; {@link #code()} becomes the reply's error code (docs/protocol.md). */
public class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reasons a handler gives; each has a wire code of the same name in the bridge protocol. */
    public enum Code { BAD_REQUEST, UNKNOWN_DEVICE, UNKNOWN_CHANNEL, NOT_WRITABLE, DEVICE_ERROR, CONFIG_INVALID, UNAVAILABLE }

    private final Code code;

    public CommandException(Code code, String message) {
        this(code, message, null);
    }

    public CommandException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
