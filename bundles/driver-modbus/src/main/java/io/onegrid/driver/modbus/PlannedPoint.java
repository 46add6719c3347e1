package io.onegrid.driver.modbus;

import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint;

/**
 * One readable channel placed in a Modbus table: where it starts and how many registers (or bits) it
 * spans. Scale 0 is taken as 1, since a zero scale can only mean "not given".
 */
public record PlannedPoint(String channel, String unit, DataType type, ModbusPoint.Table table, int address,
                           int count, ModbusPoint.WordOrder wordOrder, double scale, double offset) {
    public PlannedPoint {
        if (wordOrder == null) wordOrder = ModbusPoint.WordOrder.BIG;
        if (scale == 0) scale = 1;
    }

    /** First address after this point. */
    public int end() {
        return address + count;
    }
}
