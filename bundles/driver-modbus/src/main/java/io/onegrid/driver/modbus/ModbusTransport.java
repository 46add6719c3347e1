package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;
import io.onegrid.profile.ModbusPoint;

/**
 * Modbus requests to one slave endpoint. Implementations time out after {@code timeoutMs}, throw
 * {@link ModbusExceptionResponse} when the slave answers with an exception, TIMEOUT when it does not
 * answer and NO_ROUTE when it cannot be reached.
 */
public interface ModbusTransport {
    /** Reads {@code count} registers (function 3 or 4); values are unsigned 16-bit. */
    int[] readRegisters(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs) throws DriverException;

    /** Reads {@code count} coils or discrete inputs (function 1 or 2). */
    boolean[] readBits(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs) throws DriverException;

    /** Writes one coil (function 5). */
    void writeCoil(int unitId, int address, boolean value, int timeoutMs) throws DriverException;

    /** Writes holding registers: function 6 for one, 16 for several. */
    void writeRegisters(int unitId, int address, int[] values, int timeoutMs) throws DriverException;
}
