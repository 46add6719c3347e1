package io.onegrid.driver.modbus;

/** The slave answered a request with a Modbus exception code (DEVICE_ERROR); sending it again will not help. */
public final class ModbusExceptionResponse extends ModbusFailure {
    private static final long serialVersionUID = 1L;
    public static final int ILLEGAL_DATA_ADDRESS = 2;

    private final int exceptionCode;

    public ModbusExceptionResponse(int exceptionCode, String request) {
        super(Code.DEVICE_ERROR, request, "exception " + exceptionCode + " (" + name(exceptionCode) + ")", false);
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
