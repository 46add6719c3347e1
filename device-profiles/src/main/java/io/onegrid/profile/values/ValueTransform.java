package io.onegrid.profile.values;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import java.util.Locale;
import java.util.Map;

/**
 * How a raw number from the wire becomes a channel's reading value, the same for every protocol (a Modbus
 * register, a CoAP JSON number, a CoAP text payload): a selected {@code bit} makes a boolean; otherwise
 * {@code labels} (an enum map, raw code to label) make a label; otherwise {@code raw * scale + offset}. And back,
 * for writes. Drivers only do I/O and hand raw values here.
 *
 * <p>NaN and infinities never become readings: meters use them for "no value", and JSON cannot carry them.
 * A code without a label reads as "unknown (N)" rather than failing, so a firmware with a new status code is
 * still seen (and alarm rules on known labels keep working).
 *
 * @param bit 0..63 to take one bit of the raw integer, -1 for none
 * @param labels raw code to label; empty for none
 */
public record ValueTransform(double scale, double offset, int bit, Map<Long, String> labels) {
    /** A transform that leaves numbers as they are. */
    public static final ValueTransform IDENTITY = new ValueTransform(1, 0, -1, Map.of());

    public ValueTransform {
        if (scale == 0 || !Double.isFinite(scale)) scale = 1;
        if (!Double.isFinite(offset)) offset = 0;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The transform a channel's profile entry describes (its protocol block's scale, offset and bit, and its enum labels). */
    public static ValueTransform of(ChannelSpec channel) {
        double scale = 1;
        double offset = 0;
        int bit = -1;
        if (channel.modbus() != null) {
            scale = channel.modbus().scale();
            offset = channel.modbus().offset();
            bit = channel.modbus().bit();
        } else if (channel.coap() != null) {
            scale = channel.coap().scale();
            offset = channel.coap().offset();
        }
        return new ValueTransform(scale, offset, bit, channel.labels());
    }

    /** The reading value of a raw number: Boolean for BOOL channels, a label for enum channels, otherwise a Double. */
    public Object toReading(String channel, DataType type, double raw) throws ValueException {
        if (!Double.isFinite(raw)) {
            throw new ValueException("channel " + channel + " holds " + raw + ", which is no measurement");
        }
        if (bit >= 0) {
            return ((((long) raw) >>> bit) & 1L) == 1L;
        }
        if (type == DataType.BOOL) {
            return raw != 0;
        }
        if (!labels.isEmpty()) {
            long code = (long) raw;
            String label = labels.get(code);
            return label != null ? label : "unknown (" + code + ")";
        }
        double value = raw * scale + offset;
        if (!Double.isFinite(value)) {
            throw new ValueException("channel " + channel + ": scaled value is " + value);
        }
        return value;
    }

    /**
     * The reading value of a raw value that a payload carried as Boolean, Number or String (CoAP JSON, CBOR or
     * text): numbers go through {@link #toReading(String, DataType, double)}; a STRING channel keeps its text; a
     * BOOL channel takes true/false (or 1/0, on/off); a numeric channel takes text that is a number or a label.
     */
    public Object toReading(String channel, DataType type, Object raw) throws ValueException {
        if (raw instanceof Number n) {
            if (type == DataType.STRING) return String.valueOf(raw);
            return toReading(channel, type, n.doubleValue());
        }
        if (raw instanceof Boolean b) {
            if (type == DataType.BOOL) return b;
            if (type == DataType.STRING) return String.valueOf(b);
            throw new ValueException("channel " + channel + " is " + name(type) + " but the device sent " + b);
        }
        if (raw instanceof String s) {
            if (type == DataType.STRING) return s;
            String t = s.trim();
            if (type == DataType.BOOL) return bool(channel, t);
            if (labels.containsValue(t)) return t;
            try {
                return toReading(channel, type, Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new ValueException("channel " + channel + " is " + name(type) + " but the device sent '" + clip(t) + "'");
            }
        }
        throw new ValueException("channel " + channel + ": the device sent " + (raw == null ? "null" : "a structure")
                + " where a " + name(type) + " value belongs");
    }

    /** The raw number to write for {@code value}: a label's code, true/false as 1/0, or {@code (value - offset) / scale}. */
    public double toRaw(String channel, DataType type, Object value) throws ValueException {
        if (bit >= 0) {
            throw new ValueException("channel " + channel + " is one bit of a register; a bit cannot be written on its own");
        }
        if (type == DataType.BOOL) {
            return bool(channel, value) ? 1 : 0;
        }
        if (value instanceof String s && !labels.isEmpty()) {
            for (Map.Entry<Long, String> e : labels.entrySet()) {
                if (e.getValue().equals(s.trim())) return e.getKey();
            }
            throw new ValueException("channel " + channel + " takes one of " + labels.values() + ", not '" + clip(s) + "'");
        }
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof Boolean b) {
            number = b ? 1 : 0;
        } else if (value instanceof String s) {
            try {
                number = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new ValueException("channel " + channel + " takes a number, not '" + clip(s) + "'");
            }
        } else {
            throw new ValueException("channel " + channel + " takes a number, not '" + value + "'");
        }
        if (!Double.isFinite(number)) {
            throw new ValueException("channel " + channel + ": " + number + " is not a number it can hold");
        }
        return (number - offset) / scale;
    }

    /** A boolean from Boolean, a number (not 0 is true) or "true"/"false"/"on"/"off"/"1"/"0". */
    public static boolean bool(String channel, Object value) throws ValueException {
        if (value instanceof Boolean b) return b;
        if (value instanceof Number n) return n.doubleValue() != 0;
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "on", "1": return true;
                case "false", "off", "0": return false;
                default: break;
            }
        }
        throw new ValueException("channel " + channel + " takes true or false, not '" + clip(String.valueOf(value)) + "'");
    }

    private static String name(DataType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Hostile payloads can be long: quote at most 40 characters of them in messages. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
