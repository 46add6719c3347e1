package io.onegrid.sim.modbus;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint;

/**
 * Converts a channel's engineering value to the 16-bit register words a Modbus device would hold, and
 * back, exactly as the channel's {@link ModbusPoint} describes: {@code value = raw * scale + offset},
 * raw encoded as the {@link DataType}, bytes big-endian within a word, words in the point's word order.
 * The gateway decodes with the same rule, so a value written here reads back unchanged there.
 */
public final class RegisterCodec {
    private RegisterCodec() { }

    /** Registers (words) the channel occupies in a register table; 1 for a bit in a coil/discrete table. */
    public static int width(ChannelSpec channel) {
        int count = channel.modbus().count(channel.type());
        if (count < 1) {
            throw new IllegalArgumentException("channel " + channel.id() + " occupies no register (STRING needs a length)");
        }
        return count;
    }

    /**
     * Encodes an engineering value into register words (each 0..65535).
     *
     * @throws IllegalArgumentException if the value is of the wrong kind or does not fit the data type
     */
    public static int[] encode(ChannelSpec channel, Object value) {
        ModbusPoint point = channel.modbus();
        DataType type = channel.type();
        if (type == DataType.BOOL) {
            return new int[] {toBoolean(channel, value) ? 1 : 0};
        }
        if (type == DataType.STRING) {
            return encodeText(channel, value);
        }
        double raw = (toDouble(channel, value) - point.offset()) / scaleOf(channel);
        long bits;
        switch (type) {
            case INT16: bits = integral(channel, raw, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL; break;
            case UINT16: bits = integral(channel, raw, 0, 0xFFFF); break;
            case INT32: bits = integral(channel, raw, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFF_FFFFL; break;
            case UINT32: bits = integral(channel, raw, 0, 0xFFFF_FFFFL); break;
            case FLOAT32: bits = Float.floatToIntBits(toFloat(channel, raw)) & 0xFFFF_FFFFL; break;
            case FLOAT64: bits = Double.doubleToLongBits(raw); break;
            default: throw new IllegalArgumentException("channel " + channel.id() + ": unsupported data type " + type);
        }
        return split(bits, type.registers(), point.wordOrder());
    }

    /** Decodes register words (in table order) back into the engineering value: Boolean for BOOL, String for STRING, Double otherwise. */
    public static Object decode(ChannelSpec channel, int[] words) {
        DataType type = channel.type();
        if (words.length != width(channel)) {
            throw new IllegalArgumentException("channel " + channel.id() + ": expected " + width(channel)
                    + " words, got " + words.length);
        }
        if (type == DataType.BOOL) {
            return words[0] != 0;
        }
        if (type == DataType.STRING) {
            return decodeText(words);
        }
        long bits = join(words, channel.modbus().wordOrder());
        double raw;
        switch (type) {
            case INT16: raw = (short) bits; break;
            case UINT16: raw = bits & 0xFFFF; break;
            case INT32: raw = (int) bits; break;
            case UINT32: raw = bits & 0xFFFF_FFFFL; break;
            case FLOAT32: raw = Float.intBitsToFloat((int) bits); break;
            case FLOAT64: raw = Double.longBitsToDouble(bits); break;
            default: throw new IllegalArgumentException("channel " + channel.id() + ": unsupported data type " + type);
        }
        return raw * channel.modbus().scale() + channel.modbus().offset();
    }

    /** Two ASCII characters per register, first in the high byte, padded with NUL bytes. */
    private static int[] encodeText(ChannelSpec channel, Object value) {
        String text = String.valueOf(value);
        int[] words = new int[width(channel)];
        if (text.length() > words.length * 2) {
            throw new IllegalArgumentException("channel " + channel.id() + ": text of " + text.length()
                    + " characters does not fit " + words.length + " registers");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("channel " + channel.id() + ": only ASCII text fits Modbus registers");
            }
            words[i / 2] |= i % 2 == 0 ? c << 8 : c;
        }
        return words;
    }

    private static String decodeText(int[] words) {
        StringBuilder text = new StringBuilder();
        for (int word : words) {
            text.append((char) ((word >> 8) & 0xFF)).append((char) (word & 0xFF));
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == 0) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Splits {@code bits} into {@code count} words; BIG puts the most significant word first. */
    static int[] split(long bits, int count, ModbusPoint.WordOrder order) {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int shift = 16 * (count - 1 - i);
            int index = order == ModbusPoint.WordOrder.LITTLE ? count - 1 - i : i;
            words[index] = (int) ((bits >>> shift) & 0xFFFF);
        }
        return words;
    }

    static long join(int[] words, ModbusPoint.WordOrder order) {
        long bits = 0;
        int count = words.length;
        for (int i = 0; i < count; i++) {
            int index = order == ModbusPoint.WordOrder.LITTLE ? count - 1 - i : i;
            bits = (bits << 16) | (words[index] & 0xFFFF);
        }
        return bits;
    }

    private static long integral(ChannelSpec channel, double raw, long min, long max) {
        if (Double.isNaN(raw) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("channel " + channel.id() + ": " + raw + " cannot be encoded as "
                    + channel.type());
        }
        long rounded = Math.round(raw);
        if (rounded < min || rounded > max) {
            throw new IllegalArgumentException("channel " + channel.id() + ": raw value " + rounded
                    + " is out of range for " + channel.type() + " (" + min + ".." + max + ")");
        }
        return rounded;
    }

    private static float toFloat(ChannelSpec channel, double raw) {
        if (Double.isFinite(raw) && Math.abs(raw) > Float.MAX_VALUE) {
            throw new IllegalArgumentException("channel " + channel.id() + ": " + raw + " is out of range for FLOAT32");
        }
        return (float) raw;
    }

    private static double scaleOf(ChannelSpec channel) {
        double scale = channel.modbus().scale();
        if (scale == 0 || Double.isNaN(scale)) {
            throw new IllegalArgumentException("channel " + channel.id() + ": scale must not be 0");
        }
        return scale;
    }

    private static double toDouble(ChannelSpec channel, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("channel " + channel.id() + ": expected a number, got " + value);
    }

    private static boolean toBoolean(ChannelSpec channel, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw new IllegalArgumentException("channel " + channel.id() + ": expected true/false, got " + value);
    }
}
