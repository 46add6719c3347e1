package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;

/** The slave answered a request with a Modbus exception code (DEVICE_ERROR). */
public final class ModbusExceptionResponse extends DriverException {
    private static final long serialVersionUID = 1L;
    public static final int ILLEGAL_DATA_ADDRESS = 2;

    private final int exceptionCode;

    public ModbusExceptionResponse(int exceptionCode, String request) {
        super(Code.DEVICE_ERROR, request + " answered with Modbus exception " + exceptionCode + " ("
                + name(exceptionCode) + ")");
        this.exceptionCode = exceptionCode;
    }

    public int exceptionCode() {
        return exceptionCode;
    }

    static String name(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown exception code";
        };
    }
}
