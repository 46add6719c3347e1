package io.onegrid.protocol;

/**
 * When something happened, as the gateway saw it: wall-clock epoch milliseconds (may be wrong after a
 * power cut on a board without a real-time clock) and milliseconds since the gateway booted (monotonic,
 * always right within one boot). The hub corrects wall time with the boot's monotonic offset.
 */
public record Timestamp(long wallMs, long monoMs) {
    public Timestamp {
        if (monoMs < 0) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "ts.mono must be >= 0, got " + monoMs);
        }
    }
}
