package io.onegrid.driver.modbus;

import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.nio.charset.StandardCharsets;

/**
 * Turns raw registers and bits into reading values and back.
 *
 * <p>Registers are 16-bit words, each sent high byte first. Multi-register values are assembled by
 * {@link WordOrder}: BIG puts the word at the lowest address first (most significant), LITTLE reverses
 * the words (for FLOAT64 all four), bytes within a word are never swapped. Numbers become
 * {@code raw * scale + offset} as a Double; BOOL is a bit, or a register that is not 0. STRING holds two
 * ASCII characters per register, high byte first, trailing NULs and spaces dropped. NaN and infinities
 * are rejected: meters use them for "no value", and they cannot be sent as JSON.
 */
public final class ModbusCodec {
    private ModbusCodec() { }

    /** Decodes the point's registers, found in {@code registers} from index {@code from}. */
    public static Object decode(PlannedPoint p, int[] registers, int from) throws CodecException {
        if (p.table().bitTable()) {
            throw new CodecException("channel " + p.channel() + " lies in a bit table; read it as bits");
        }
        if (from < 0 || from + p.count() > registers.length) {
            throw new CodecException("channel " + p.channel() + " needs " + p.count() + " registers, got "
                    + Math.max(0, registers.length - from));
        }
        DataType type = p.type();
        if (type == DataType.BOOL) {
            return (registers[from] & 0xFFFF) != 0;
        }
        if (type == DataType.STRING) {
            return decodeString(registers, from, p.count());
        }
        long raw = assemble(registers, from, type.registers(), p.wordOrder());
        double value = switch (type) {
            case INT16 -> (short) raw;
            case UINT16 -> raw & 0xFFFFL;
            case INT32 -> (int) raw;
            case UINT32 -> raw & 0xFFFF_FFFFL;
            case FLOAT32 -> Float.intBitsToFloat((int) raw);
            case FLOAT64 -> Double.longBitsToDouble(raw);
            default -> throw new CodecException("channel " + p.channel() + ": type " + type + " is not numeric");
        };
        return scaled(p, value);
    }

    /** Decodes a coil or discrete input. Only BOOL channels live in bit tables. */
    public static Object decodeBit(PlannedPoint p, boolean bit) throws CodecException {
        if (p.type() != DataType.BOOL) {
            throw new CodecException("channel " + p.channel() + " is " + p.type() + " but lies in bit table "
                    + p.table() + "; only BOOL channels can");
        }
        return bit;
    }

    /** Registers to write for {@code value}, lowest address first. */
    public static int[] encode(PlannedPoint p, Object value) throws CodecException {
        DataType type = p.type();
        if (type == DataType.BOOL) {
            return new int[] {encodeBit(p, value) ? 1 : 0};
        }
        if (type == DataType.STRING) {
            return encodeString(p, value);
        }
        double raw = (number(p, value) - p.offset()) / p.scale();
        long bits = switch (type) {
            case INT16 -> integral(p, raw, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> integral(p, raw, 0, 0xFFFF);
            case INT32 -> integral(p, raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> integral(p, raw, 0, 0xFFFF_FFFFL);
            case FLOAT32 -> {
                float f = (float) raw;
                if (!Float.isFinite(f)) throw new CodecException("channel " + p.channel() + ": " + value + " does not fit FLOAT32");
                yield Float.floatToIntBits(f) & 0xFFFF_FFFFL;
            }
            case FLOAT64 -> Double.doubleToLongBits(raw);
            default -> throw new CodecException("channel " + p.channel() + ": type " + type + " cannot be written");
        };
        return split(bits, type.registers(), p.wordOrder());
    }

    /** A coil value: Boolean, a number (not 0 is true) or "true"/"false"/"on"/"off"/"1"/"0". */
    public static boolean encodeBit(PlannedPoint p, Object value) throws CodecException {
        if (value instanceof Boolean b) return b;
        if (value instanceof Number n) return n.doubleValue() != 0;
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on", "1": return true;
                case "false", "off", "0": return false;
                default: break;
            }
        }
        throw new CodecException("channel " + p.channel() + " takes true or false, not '" + value + "'");
    }

    static long assemble(int[] registers, int from, int words, WordOrder order) {
        long raw = 0;
        for (int i = 0; i < words; i++) {
            int index = order == WordOrder.LITTLE ? from + words - 1 - i : from + i;
            raw = (raw << 16) | (registers[index] & 0xFFFF);
        }
        return raw;
    }

    static int[] split(long raw, int words, WordOrder order) {
        int[] out = new int[words];
        for (int i = 0; i < words; i++) {
            int word = (int) ((raw >>> (16 * (words - 1 - i))) & 0xFFFF);
            out[order == WordOrder.LITTLE ? words - 1 - i : i] = word;
        }
        return out;
    }

    private static Double scaled(PlannedPoint p, double raw) throws CodecException {
        if (!Double.isFinite(raw)) {
            throw new CodecException("channel " + p.channel() + " holds " + raw + ", which is no measurement");
        }
        double value = raw * p.scale() + p.offset();
        if (!Double.isFinite(value)) {
            throw new CodecException("channel " + p.channel() + ": scaled value is " + value);
        }
        return value;
    }

    private static String decodeString(int[] registers, int from, int count) {
        byte[] bytes = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            bytes[2 * i] = (byte) (registers[from + i] >> 8);
            bytes[2 * i + 1] = (byte) registers[from + i];
        }
        int length = bytes.length;
        while (length > 0 && (bytes[length - 1] == 0 || bytes[length - 1] == ' ')) length--;
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    private static int[] encodeString(PlannedPoint p, Object value) throws CodecException {
        byte[] text = String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
        if (text.length > p.count() * 2) {
            throw new CodecException("channel " + p.channel() + " holds at most " + p.count() * 2 + " characters");
        }
        int[] out = new int[p.count()];
        for (int i = 0; i < text.length; i++) {
            out[i / 2] |= (text[i] & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        return out;
    }

    private static double number(PlannedPoint p, Object value) throws CodecException {
        if (value instanceof Number n) return n.doubleValue();
        if (value instanceof Boolean b) return b ? 1 : 0;
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new CodecException("channel " + p.channel() + " takes a number, not '" + value + "'");
    }

    private static long integral(PlannedPoint p, double raw, long min, long max) throws CodecException {
        if (!Double.isFinite(raw)) {
            throw new CodecException("channel " + p.channel() + ": " + raw + " is not a number it can hold");
        }
        long rounded = Math.round(raw);
        if (rounded < min || rounded > max) {
            throw new CodecException("channel " + p.channel() + ": raw value " + rounded + " is outside "
                    + p.type() + " (" + min + ".." + max + ")");
        }
        return rounded;
    }
}
