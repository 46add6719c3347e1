package io.onegrid.gateway.config;

import java.util.List;

/**
 * The keys of one bus under {@code buses:}, which are also the property names of its factory configuration
 * ({@link Pids#BUS_FACTORY}): the contract with the Modbus RTU driver's bus component. Defaults in the
 * comments are the driver's; the loader writes only what the file sets.
 */
final class BusKeys {
    /** Required: the name devices give in {@code bus:}. */
    static final String NAME = "name";
    /** Required: {@link #RTU} or {@link #RTU_TCP}. */
    static final String KIND = "kind";
    /** Serial device path (kind rtu), e.g. /dev/ttyUSB0. */
    static final String PORT = "port";
    /** Serial server host (kind rtu-tcp). */
    static final String HOST = "host";
    /** Serial server TCP port (kind rtu-tcp). */
    static final String TCP_PORT = "tcpPort";
    /** Line speed [9600]. */
    static final String BAUD = "baud";
    /** none | even | odd [none]. */
    static final String PARITY = "parity";
    /** 7 | 8 [8]. */
    static final String DATA_BITS = "dataBits";
    /** 1 | 2 [1]. */
    static final String STOP_BITS = "stopBits";
    /** Response timeout per request in ms [1000]. */
    static final String TIMEOUT_MS = "timeoutMs";
    /** Re-sends after a timeout or CRC error before the channel reads BAD [1]. */
    static final String RETRIES = "retries";
    /** Silence between frames in ms [0: 3.5 characters at the baud rate]. */
    static final String FRAME_GAP_MS = "frameGapMs";
    /** Largest read request in registers [125]. */
    static final String MAX_REGISTERS = "maxRegisters";
    /** Unused registers one request may read through to merge two runs [8]. */
    static final String MAX_GAP_REGISTERS = "maxGapRegisters";

    static final String RTU = "rtu";
    static final String RTU_TCP = "rtu-tcp";

    static final List<String> ALL = List.of(NAME, KIND, PORT, HOST, TCP_PORT, BAUD, PARITY, DATA_BITS, STOP_BITS,
            TIMEOUT_MS, RETRIES, FRAME_GAP_MS, MAX_REGISTERS, MAX_GAP_REGISTERS);
    static final List<Integer> BAUDS = List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);
    static final List<String> PARITIES = List.of("none", "even", "odd");

    private BusKeys() {
    }
}
