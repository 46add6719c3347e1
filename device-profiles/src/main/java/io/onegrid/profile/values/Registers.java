package io.onegrid.profile.values;

import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint.ByteOrder;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.nio.charset.StandardCharsets;

/**
 * 16-bit Modbus registers to raw values and back. On the wire each register is sent high byte first; a device
 * that keeps its bytes swapped ({@link ByteOrder#LITTLE}) has them swapped back here. Multi-register values
 * are assembled by {@link WordOrder}: BIG takes the word at the lowest address as the most significant, LITTLE
 * reverses the words (for FLOAT64 all four). STRING holds two ASCII characters per register.
 */
public final class Registers {
    private Registers() { }

    /** The raw bits of {@code words} registers from {@code from}, most significant first. */
    public static long assemble(int[] registers, int from, int words, WordOrder wordOrder, ByteOrder byteOrder) {
        long raw = 0;
        for (int i = 0; i < words; i++) {
            int index = wordOrder == WordOrder.LITTLE ? from + words - 1 - i : from + i;
            raw = (raw << 16) | word(registers[index], byteOrder);
        }
        return raw;
    }

    /** The registers holding {@code raw}, lowest address first. */
    public static int[] split(long raw, int words, WordOrder wordOrder, ByteOrder byteOrder) {
        int[] out = new int[words];
        for (int i = 0; i < words; i++) {
            int word = (int) ((raw >>> (16 * (words - 1 - i))) & 0xFFFF);
            out[wordOrder == WordOrder.LITTLE ? words - 1 - i : i] = word(word, byteOrder);
        }
        return out;
    }

    /** The number a numeric type's raw bits stand for (before scale and offset). */
    public static double number(String channel, DataType type, long raw) throws ValueException {
        return switch (type) {
            case BOOL, UINT16 -> raw & 0xFFFFL;
            case INT16 -> (short) raw;
            case INT32 -> (int) raw;
            case UINT32 -> raw & 0xFFFF_FFFFL;
            case FLOAT32 -> Float.intBitsToFloat((int) raw);
            case FLOAT64 -> Double.longBitsToDouble(raw);
            case STRING -> throw new ValueException("channel " + channel + ": a string is text, not a number");
        };
    }

    /** The raw bits of {@code raw} as {@code type}, refusing values the type cannot hold. */
    public static long bits(String channel, DataType type, double raw) throws ValueException {
        return switch (type) {
            case BOOL -> raw != 0 ? 1 : 0;
            case INT16 -> integral(channel, type, raw, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFFL;
            case UINT16 -> integral(channel, type, raw, 0, 0xFFFF);
            case INT32 -> integral(channel, type, raw, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFF_FFFFL;
            case UINT32 -> integral(channel, type, raw, 0, 0xFFFF_FFFFL);
            case FLOAT32 -> {
                float f = (float) raw;
                if (!Float.isFinite(f)) throw new ValueException("channel " + channel + ": " + raw + " does not fit float32");
                yield Float.floatToIntBits(f) & 0xFFFF_FFFFL;
            }
            case FLOAT64 -> {
                if (!Double.isFinite(raw)) throw new ValueException("channel " + channel + ": " + raw + " is not a number it can hold");
                yield Double.doubleToLongBits(raw);
            }
            case STRING -> throw new ValueException("channel " + channel + ": a string is text, not a number");
        };
    }

    /** Text of {@code count} registers, two ASCII characters each; trailing NULs and spaces dropped. */
    public static String text(int[] registers, int from, int count, ByteOrder byteOrder) {
        byte[] bytes = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            int w = word(registers[from + i], byteOrder);
            bytes[2 * i] = (byte) (w >> 8);
            bytes[2 * i + 1] = (byte) w;
        }
        int length = bytes.length;
        while (length > 0 && (bytes[length - 1] == 0 || bytes[length - 1] == ' ')) length--;
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /** The {@code count} registers holding {@code text}, padded with NULs. */
    public static int[] text(String channel, String text, int count, ByteOrder byteOrder) throws ValueException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > count * 2) {
            throw new ValueException("channel " + channel + " holds at most " + count * 2 + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) throw new ValueException("channel " + channel + ": only ASCII text fits Modbus registers");
        }
        int[] out = new int[count];
        for (int i = 0; i < bytes.length; i++) {
            out[i / 2] |= (bytes[i] & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        for (int i = 0; i < count; i++) out[i] = word(out[i], byteOrder);
        return out;
    }

    private static int word(int w, ByteOrder byteOrder) {
        int v = w & 0xFFFF;
        return byteOrder == ByteOrder.LITTLE ? ((v & 0xFF) << 8) | (v >>> 8) : v;
    }

    private static long integral(String channel, DataType type, double raw, long min, long max) throws ValueException {
        if (!Double.isFinite(raw)) {
            throw new ValueException("channel " + channel + ": " + raw + " is not a number it can hold");
        }
        long rounded = Math.round(raw);
        if (rounded < min || rounded > max) {
            throw new ValueException("channel " + channel + ": raw value " + rounded + " is outside "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + " (" + min + ".." + max + ")");
        }
        return rounded;
    }
}
