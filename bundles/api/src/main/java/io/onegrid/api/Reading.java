package io.onegrid.api;

/**
 * One channel value at one moment. {@code value} is a {@link Double}, a {@link Boolean}, a
 * {@link String}, or null when {@code quality} is BAD.
 */
public record Reading(String deviceId, String channel, Object value, String unit, Quality quality,
                      long wallMs, long monoMs) {
    public Reading {
        if (value != null && !(value instanceof Double || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("reading value must be Double, Boolean or String");
        }
    }

    public static Reading good(String deviceId, String channel, Object value, String unit, GatewayClock clock) {
        return new Reading(deviceId, channel, value, unit, Quality.GOOD, clock.wallMs(), clock.monoMs());
    }

    public static Reading bad(String deviceId, String channel, String unit, GatewayClock clock) {
        return new Reading(deviceId, channel, null, unit, Quality.BAD, clock.wallMs(), clock.monoMs());
    }
}
