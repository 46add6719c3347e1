package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;

/**
 * Where a device's requests go, asked at every poll and write: a TCP device's route is fixed, an RTU device's follows
 * its bus, whose configuration may be replaced while the device runs (new line settings, a larger timeout).
 */
@FunctionalInterface
interface ModbusRoute {
    /** The transport and request rules in force now; NO_ROUTE when the bus is gone. */
    Endpoint current() throws DriverException;

    /**
     * @param timeoutMs response timeout per request
     * @param retries   re-sends after a retryable failure (a timeout only while the device is answering)
     */
    record Endpoint(ModbusTransport transport, ReadPlanner planner, int timeoutMs, int retries) {
        static ModbusRoute fixed(Endpoint endpoint) {
            return () -> endpoint;
        }
    }
}
