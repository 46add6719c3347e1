package io.onegrid.driver.modbus;

import io.onegrid.profile.ModbusPoint.ByteOrder;
import io.onegrid.profile.ModbusPoint.WordOrder;
import io.onegrid.profile.values.ModbusValues;
import io.onegrid.profile.values.Registers;
import io.onegrid.profile.values.ValueException;

/**
 * The driver's side of the shared value code ({@link ModbusValues}, the same the simulator encodes with):
 * a planned point's registers or bit to its reading value and back, with this driver's exception type.
 */
public final class ModbusCodec {
    private ModbusCodec() { }

    /** Decodes the point's registers, found in {@code registers} from index {@code from}. */
    public static Object decode(PlannedPoint p, int[] registers, int from) throws CodecException {
        try {
            return ModbusValues.decode(p.spec(), registers, from);
        } catch (ValueException e) {
            throw new CodecException(e.getMessage());
        }
    }

    /** Decodes a coil or discrete input. Only BOOL channels live in bit tables. */
    public static Object decodeBit(PlannedPoint p, boolean bit) throws CodecException {
        try {
            return ModbusValues.decodeBit(p.spec(), bit);
        } catch (ValueException e) {
            throw new CodecException(e.getMessage());
        }
    }

    /** Registers to write for {@code value}, lowest address first. */
    public static int[] encode(PlannedPoint p, Object value) throws CodecException {
        try {
            return ModbusValues.encode(p.spec(), value);
        } catch (ValueException e) {
            throw new CodecException(e.getMessage());
        }
    }

    /** A coil value: Boolean, a number (not 0 is true) or "true"/"false"/"on"/"off"/"1"/"0". */
    public static boolean encodeBit(PlannedPoint p, Object value) throws CodecException {
        try {
            return ModbusValues.encodeBit(p.spec(), value);
        } catch (ValueException e) {
            throw new CodecException(e.getMessage());
        }
    }

    static long assemble(int[] registers, int from, int words, WordOrder order) {
        return Registers.assemble(registers, from, words, order, ByteOrder.BIG);
    }

    static int[] split(long raw, int words, WordOrder order) {
        return Registers.split(raw, words, order, ByteOrder.BIG);
    }
}
