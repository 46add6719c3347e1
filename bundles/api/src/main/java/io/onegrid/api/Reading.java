package io.onegrid.api;

/**
 * One channel value at one moment. {@code value} is a {@link Double}, a {@link Boolean}, a
 * {@link String}, or null when {@code quality} is BAD. A BAD reading says why in {@code problem}
 * ("timeout after 1000 ms", "exception 2 (illegal data address)", "CRC error", "payload is not JSON"), so a
 * channel carries its own status and an installer's probe can print it; GOOD readings have none.
 */
public record Reading(String deviceId, String channel, Object value, String unit, Quality quality,
                      long wallMs, long monoMs, String problem) {
    public Reading {
        if (value != null && !(value instanceof Double || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("reading value must be Double, Boolean or String");
        }
    }

    /** A reading without a problem text. */
    public Reading(String deviceId, String channel, Object value, String unit, Quality quality, long wallMs, long monoMs) {
        this(deviceId, channel, value, unit, quality, wallMs, monoMs, null);
    }

    public static Reading good(String deviceId, String channel, Object value, String unit, GatewayClock clock) {
        return new Reading(deviceId, channel, value, unit, Quality.GOOD, clock.wallMs(), clock.monoMs());
    }

    public static Reading bad(String deviceId, String channel, String unit, GatewayClock clock) {
        return bad(deviceId, channel, unit, null, clock);
    }

    /** A BAD reading that says why the channel has no value. */
    public static Reading bad(String deviceId, String channel, String unit, String problem, GatewayClock clock) {
        return new Reading(deviceId, channel, null, unit, Quality.BAD, clock.wallMs(), clock.monoMs(), problem);
    }
}
