package io.onegrid.profile;

/**
 * Where a channel lives in a Modbus device: table, zero-based register/coil address, word order for
 * multi-register values, and a linear conversion {@code value = raw * scale + offset}.
 */
public record ModbusPoint(Table table, int address, WordOrder wordOrder, double scale, double offset) {
    public enum Table { COIL, DISCRETE_INPUT, INPUT_REGISTER, HOLDING_REGISTER;
        public boolean bitTable() { return this == COIL || this == DISCRETE_INPUT; }
    }

    /** BIG: high word first (Modbus convention); LITTLE: low word first (many meters). */
    public enum WordOrder { BIG, LITTLE }
}
