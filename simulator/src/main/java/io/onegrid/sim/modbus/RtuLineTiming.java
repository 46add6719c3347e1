package io.onegrid.sim.modbus;

import io.onegrid.sim.scenario.BusSpec;

/**
 * How long bytes take on a serial line of a given baud rate and character format, and the inter-frame
 * silence: 3.5 characters, or the fixed 1.75 ms the Modbus serial-line specification sets above 19200 baud.
 * A pty or a TCP socket has no baud rate, so the RTU server uses these figures to hold each reply until
 * the line would have carried it.
 */
public record RtuLineTiming(long nanosPerCharacter, long silenceNanos) {
    private static final long FIXED_SILENCE_NANOS = 1_750_000L;

    public static RtuLineTiming of(BusSpec bus) {
        return of(bus.baud(), bus.bitsPerCharacter());
    }

    public static RtuLineTiming of(int baud, int bitsPerCharacter) {
        long perChar = Math.round(bitsPerCharacter * 1e9 / baud);
        long silence = baud > 19200 ? FIXED_SILENCE_NANOS : Math.round(3.5 * perChar);
        return new RtuLineTiming(perChar, silence);
    }

    /** Time {@code bytes} occupy the line. */
    public long bytes(int bytes) {
        return bytes * nanosPerCharacter;
    }

    /**
     * One request and its reply back to back, with the silence after each: the shortest time a master can
     * spend per transaction (10 holding registers at 9600 8N1: 8 + 25 bytes + 2 × 3.5 characters = 41.7 ms).
     */
    public long transaction(int requestBytes, int replyBytes) {
        return bytes(requestBytes) + silenceNanos + bytes(replyBytes) + silenceNanos;
    }
}
