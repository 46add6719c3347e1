package io.onegrid.api;

/** A field driver could not talk to a device. {@link #code()} tells why, for backoff and fault alarms. */
public class DriverException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Code { TIMEOUT, NO_ROUTE, DEVICE_ERROR, DECODE, BAD_ADDRESS, UNSUPPORTED }

    private final Code code;

    public DriverException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public DriverException(Code code, String message) {
        this(code, message, null);
    }

    public Code code() {
        return code;
    }
}
