package io.onegrid.sim.scenario;

/**
 * A simulated RS-485 line of a scenario ({@code buses:}): the RTU devices that name it share it, and its
 * serial settings give the line timing the RTU server emulates.
 *
 * @param parity   "none", "even" or "odd"
 * @param line     line in the scenario file where the bus is declared
 */
public record BusSpec(String name, int baud, String parity, int dataBits, int stopBits, int line) {
    /** Bits on the wire per character: start bit, data bits, parity bit if any, stop bits. */
    public int bitsPerCharacter() {
        return 1 + dataBits + ("none".equals(parity) ? 0 : 1) + stopBits;
    }
}
