package io.onegrid.protocol;

/**
 * One channel value on the wire. {@code value} is a {@link Double}, a {@link Boolean}, a {@link String}
 * or null (when quality is bad). {@code unit} is the profile's unit symbol, or null.
 */
public record WireReading(String device, String channel, Object value, String unit, Quality quality, Timestamp ts) {
    public enum Quality { GOOD, UNCERTAIN, BAD }

    public WireReading {
        if (device == null || device.isBlank() || channel == null || channel.isBlank()) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "reading needs device and channel");
        }
        if (value != null && !(value instanceof Double || value instanceof Boolean || value instanceof String)) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD,
                    "reading value must be number, boolean or string, got " + value.getClass().getSimpleName());
        }
        if (quality == null || ts == null) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "reading needs quality and ts");
        }
    }
}
