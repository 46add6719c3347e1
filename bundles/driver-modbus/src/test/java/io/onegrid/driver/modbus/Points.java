package io.onegrid.driver.modbus;

import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;

/** Test helpers building planned points. */
final class Points {
    private Points() { }

    static PlannedPoint reg(String channel, Table table, int address, DataType type) {
        return new PlannedPoint(channel, "u", type, table, address, type.registers(), WordOrder.BIG, 1, 0);
    }

    static PlannedPoint reg(String channel, DataType type, WordOrder order, double scale, double offset) {
        return new PlannedPoint(channel, "u", type, Table.HOLDING_REGISTER, 0, type.registers(), order, scale, offset);
    }

    static PlannedPoint bit(String channel, Table table, int address) {
        return new PlannedPoint(channel, null, DataType.BOOL, table, address, 1, WordOrder.BIG, 1, 0);
    }
}
