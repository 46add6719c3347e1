package io.onegrid.driver.modbus;

/** A raw Modbus value that does not make a reading, or a value that does not fit a point. */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
