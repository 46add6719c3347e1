package io.onegrid.driver.modbus;

import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint;

/**
 * One readable channel placed in a Modbus table: where it starts and how many registers (or bits) it
 * spans, with the channel it came from ({@code spec}), whose value transform the codec applies. Scale 0 is
 * taken as 1, since a zero scale can only mean "not given".
 */
public record PlannedPoint(String channel, String unit, DataType type, ModbusPoint.Table table, int address,
                           int count, ModbusPoint.WordOrder wordOrder, double scale, double offset, ChannelSpec spec) {
    public PlannedPoint {
        if (wordOrder == null) wordOrder = ModbusPoint.WordOrder.BIG;
        if (scale == 0) scale = 1;
        if (spec == null) {
            spec = new ChannelSpec(channel, null, unit, type, Access.READ, new ModbusPoint(table, address, wordOrder,
                    scale, offset, type == DataType.STRING ? count : 0), null, null);
        }
    }

    /** A point of the channel {@code spec} describes. */
    static PlannedPoint of(ChannelSpec spec) {
        ModbusPoint p = spec.modbus();
        return new PlannedPoint(spec.id(), spec.unit(), spec.type(), p.table(), p.address(), p.count(spec.type()),
                p.wordOrder(), p.scale(), p.offset(), spec);
    }

    /** A point without a profile channel behind it (tests, planners): a plain linear value. */
    public PlannedPoint(String channel, String unit, DataType type, ModbusPoint.Table table, int address,
                        int count, ModbusPoint.WordOrder wordOrder, double scale, double offset) {
        this(channel, unit, type, table, address, count, wordOrder, scale, offset, null);
    }

    /** First address after this point. */
    public int end() {
        return address + count;
    }
}
