package io.onegrid.profile;

/**
 * Where a channel lives in a Modbus device: table, zero-based register/coil address, word order for
 * multi-register values, byte order within each register, and a linear conversion
 * {@code value = raw * scale + offset} (applied by {@code io.onegrid.profile.values}).
 *
 * @param length registers of a STRING channel (two ASCII characters per register); 0 for every other type,
 *               whose size follows from {@link DataType#registers()}
 * @param bit    0..15: a BOOL channel that is one bit of a register (status and alarm words); -1 for none
 */
public record ModbusPoint(Table table, int address, WordOrder wordOrder, ByteOrder byteOrder, double scale, double offset,
                          int length, int bit) {
    public enum Table { COIL, DISCRETE_INPUT, INPUT_REGISTER, HOLDING_REGISTER;
        public boolean bitTable() { return this == COIL || this == DISCRETE_INPUT; }

        /** Whether a master may write this table (coils and holding registers only). */
        public boolean writable() { return this == COIL || this == HOLDING_REGISTER; }
    }

    /** BIG: high word first (Modbus convention); LITTLE: low word first (many meters). */
    public enum WordOrder { BIG, LITTLE }

    /** BIG: high byte first within a register (Modbus convention); LITTLE: bytes swapped (some meters' floats). */
    public enum ByteOrder { BIG, LITTLE }

    public ModbusPoint {
        if (wordOrder == null) wordOrder = WordOrder.BIG;
        if (byteOrder == null) byteOrder = ByteOrder.BIG;
        if (scale == 0) scale = 1; // a zero scale can only mean "not given"
    }

    /** A point with the usual byte order and no bit selection. */
    public ModbusPoint(Table table, int address, WordOrder wordOrder, double scale, double offset, int length) {
        this(table, address, wordOrder, ByteOrder.BIG, scale, offset, length, -1);
    }

    /** A point of a fixed-size type (everything but STRING). */
    public ModbusPoint(Table table, int address, WordOrder wordOrder, double scale, double offset) {
        this(table, address, wordOrder, scale, offset, 0);
    }

    /**
     * How many registers (or coils/inputs, in a bit table) a value of {@code type} occupies here: one in a
     * bit table, {@link #length()} for STRING, otherwise {@link DataType#registers()}.
     */
    public int count(DataType type) {
        if (table.bitTable()) return 1;
        return type == DataType.STRING ? length : type.registers();
    }

    /** Last address this value occupies, inclusive. */
    public int lastAddress(DataType type) {
        return address + count(type) - 1;
    }
}
