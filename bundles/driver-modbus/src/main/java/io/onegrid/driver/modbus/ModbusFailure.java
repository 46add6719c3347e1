package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;

/**
 * A request that got no usable answer, with the short {@link #problem()} a BAD reading carries ("timeout after
 * 1000 ms", "CRC error", "exception 2 (illegal data address)") beside the full message that names the bus, unit and
 * request for the log. {@link #retryable()} tells whether sending the same request again may help (line noise, a
 * lost frame) or not (the slave refused it).
 */
public class ModbusFailure extends DriverException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final boolean retryable;

    public ModbusFailure(Code code, String request, String problem, boolean retryable) {
        super(code, request + ": " + problem);
        this.problem = problem;
        this.retryable = retryable;
    }

    /** No answer (or nothing but other units' answers) within the response timeout. */
    public static ModbusFailure timeout(String request, int timeoutMs) {
        return new ModbusFailure(Code.TIMEOUT, request, "timeout after " + timeoutMs + " ms", true);
    }

    /** Bytes came back, but not a valid answer to this request (CRC, short, wrong unit or function, garbage). */
    public static ModbusFailure badFrame(String request, String problem) {
        return new ModbusFailure(Code.DEVICE_ERROR, request, problem, true);
    }

    public String problem() {
        return problem;
    }

    public boolean retryable() {
        return retryable;
    }
}
