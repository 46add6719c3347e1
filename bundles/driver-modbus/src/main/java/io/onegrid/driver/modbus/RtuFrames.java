package io.onegrid.driver.modbus;

import java.util.Arrays;

/**
 * Modbus RTU framing: a request is unit id, function code, data and the CRC-16 (low byte first). An answer has no
 * length field of its own, so its length follows from the function code (and, for reads, the byte count that
 * follows it); {@link #frameLength} says how many bytes a frame that starts with a given header has.
 */
public final class RtuFrames {
    public static final int READ_COILS = 1;
    public static final int READ_DISCRETE_INPUTS = 2;
    public static final int READ_HOLDING_REGISTERS = 3;
    public static final int READ_INPUT_REGISTERS = 4;
    public static final int WRITE_SINGLE_COIL = 5;
    public static final int WRITE_SINGLE_REGISTER = 6;
    public static final int WRITE_MULTIPLE_REGISTERS = 16;
    /** The longest RTU frame: 1 unit + 253 PDU + 2 CRC. */
    public static final int MAX_FRAME = 256;
    /** Bytes needed before {@link #frameLength} can tell a frame's length: unit, function, byte count. */
    public static final int HEADER = 3;

    private RtuFrames() { }

    /** A read of {@code count} coils, inputs or registers from {@code start} (functions 1 to 4). */
    public static byte[] read(int unit, int function, int start, int count) {
        return seal(new byte[] {(byte) unit, (byte) function, hi(start), lo(start), hi(count), lo(count), 0, 0});
    }

    /** Function 5: one coil on (0xFF00) or off. */
    public static byte[] writeCoil(int unit, int address, boolean on) {
        return seal(new byte[] {(byte) unit, WRITE_SINGLE_COIL, hi(address), lo(address), (byte) (on ? 0xFF : 0), 0, 0, 0});
    }

    /** Function 6: one holding register. */
    public static byte[] writeRegister(int unit, int address, int value) {
        return seal(new byte[] {(byte) unit, WRITE_SINGLE_REGISTER, hi(address), lo(address), hi(value), lo(value), 0, 0});
    }

    /** Function 16: consecutive holding registers from {@code address}. */
    public static byte[] writeRegisters(int unit, int address, int[] values) {
        byte[] frame = new byte[9 + 2 * values.length];
        frame[0] = (byte) unit;
        frame[1] = WRITE_MULTIPLE_REGISTERS;
        frame[2] = hi(address);
        frame[3] = lo(address);
        frame[4] = hi(values.length);
        frame[5] = lo(values.length);
        frame[6] = (byte) (2 * values.length);
        for (int i = 0; i < values.length; i++) {
            frame[7 + 2 * i] = hi(values[i]);
            frame[8 + 2 * i] = lo(values[i]);
        }
        return seal(frame);
    }

    /**
     * The length of the answer frame whose first bytes are {@code header} (unit, function and, for reads, the byte
     * count), or -1 when the function code is not one a master's request can get back (garbage on the line).
     */
    public static int frameLength(byte[] header) {
        int function = header[1] & 0xFF;
        if ((function & 0x80) != 0) {
            return 5; // unit, function | 0x80, exception code, CRC
        }
        return switch (function) {
            case READ_COILS, READ_DISCRETE_INPUTS, READ_HOLDING_REGISTERS, READ_INPUT_REGISTERS -> 3 + (header[2] & 0xFF) + 2;
            case WRITE_SINGLE_COIL, WRITE_SINGLE_REGISTER, 15, WRITE_MULTIPLE_REGISTERS -> 8;
            default -> -1;
        };
    }

    /** The registers of a function 3/4 answer (unsigned 16-bit). */
    public static int[] registers(byte[] frame, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = word(frame, 3 + 2 * i);
        }
        return values;
    }

    /** The bits of a function 1/2 answer, least significant bit of the first data byte first. */
    public static boolean[] bits(byte[] frame, int count) {
        boolean[] bits = new boolean[count];
        for (int i = 0; i < count; i++) {
            bits[i] = ((frame[3 + i / 8] >> (i % 8)) & 1) != 0;
        }
        return bits;
    }

    /** The data bytes a read answer must carry for {@code count} items. */
    public static int dataBytes(int function, int count) {
        return function == READ_COILS || function == READ_DISCRETE_INPUTS ? (count + 7) / 8 : 2 * count;
    }

    static int word(byte[] frame, int at) {
        return ((frame[at] & 0xFF) << 8) | (frame[at + 1] & 0xFF);
    }

    /** Hex dump for log lines ("01 83 02 C0 F1"), at most 16 bytes. */
    public static String hex(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(length, 16); i++) {
            if (i > 0) out.append(' ');
            out.append(String.format("%02X", bytes[i] & 0xFF));
        }
        if (length > 16) out.append(" …");
        return out.toString();
    }

    private static byte[] seal(byte[] frame) {
        int crc = Crc16.of(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
        return frame;
    }

    static byte[] copy(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }

    private static byte hi(int value) {
        return (byte) (value >>> 8);
    }

    private static byte lo(int value) {
        return (byte) value;
    }
}
