package io.onegrid.profile.values;

/**
 * A raw value that does not make a reading (NaN, a register of the wrong size, a payload of the wrong kind), or
 * a value to write that does not fit its channel. The message names the channel and says what was expected.
 */
public final class ValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message);
    }
}
