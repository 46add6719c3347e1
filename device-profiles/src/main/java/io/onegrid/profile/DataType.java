package io.onegrid.profile;

/** How a channel's raw value is encoded. Numeric types become doubles after scaling; BOOL a boolean. */
public enum DataType {
    BOOL(1), INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2), FLOAT64(4), STRING(0);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Modbus registers one value occupies (0 = given by the point's length). */
    public int registers() {
        return registers;
    }
}
