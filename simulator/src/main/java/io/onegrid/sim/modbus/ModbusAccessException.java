package io.onegrid.sim.modbus;

import io.onegrid.profile.ModbusPoint;

/** A request a simulated device refuses, and why; the server maps the reason to a Modbus exception code. */
public final class ModbusAccessException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { UNMAPPED, READ_ONLY, BAD_VALUE }

    private final Reason reason;

    public ModbusAccessException(Reason reason, ModbusPoint.Table table, int address, int quantity) {
        super(reason + ": " + table + " " + address + (quantity > 1 ? ".." + (address + quantity - 1) : ""));
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
