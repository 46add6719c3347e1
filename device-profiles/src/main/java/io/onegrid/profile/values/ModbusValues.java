package io.onegrid.profile.values;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint;

/**
 * A Modbus channel's registers or bit to its reading value and back: {@link Registers} for the layout,
 * {@link ValueTransform} for what the number means. The gateway's driver decodes with it and the simulator
 * encodes with it, so a value the simulator holds reads back unchanged at the gateway.
 */
public final class ModbusValues {
    private ModbusValues() { }

    /** Registers (or, in a bit table, bits) the channel occupies; at least 1. */
    public static int width(ChannelSpec channel) throws ValueException {
        int count = point(channel).count(channel.type());
        if (count < 1) throw new ValueException("channel " + channel.id() + " occupies no register (a string needs a length)");
        return count;
    }

    /** Decodes the channel's registers, found in {@code registers} from index {@code from}. */
    public static Object decode(ChannelSpec channel, int[] registers, int from) throws ValueException {
        ModbusPoint p = point(channel);
        if (p.table().bitTable()) {
            throw new ValueException("channel " + channel.id() + " lies in a bit table; read it as bits");
        }
        int count = width(channel);
        if (from < 0 || from + count > registers.length) {
            throw new ValueException("channel " + channel.id() + " needs " + count + " registers, got "
                    + Math.max(0, registers.length - from));
        }
        DataType type = channel.type();
        if (type == DataType.STRING) {
            return Registers.text(registers, from, count, p.byteOrder());
        }
        long raw = Registers.assemble(registers, from, count, p.wordOrder(), p.byteOrder());
        return ValueTransform.of(channel).toReading(channel.id(), type, Registers.number(channel.id(), type, raw));
    }

    /** Decodes a coil or discrete input; only BOOL channels live in bit tables. */
    public static Object decodeBit(ChannelSpec channel, boolean bit) throws ValueException {
        if (channel.type() != DataType.BOOL) {
            throw new ValueException("channel " + channel.id() + " is " + channel.type() + " but lies in bit table "
                    + point(channel).table() + "; only BOOL channels can");
        }
        return bit;
    }

    /** Registers to write for {@code value}, lowest address first. */
    public static int[] encode(ChannelSpec channel, Object value) throws ValueException {
        ModbusPoint p = point(channel);
        DataType type = channel.type();
        int count = width(channel);
        if (type == DataType.STRING) {
            return Registers.text(channel.id(), String.valueOf(value), count, p.byteOrder());
        }
        double raw = ValueTransform.of(channel).toRaw(channel.id(), type, value);
        return Registers.split(Registers.bits(channel.id(), type, raw), count, p.wordOrder(), p.byteOrder());
    }

    /** The coil value for {@code value}. */
    public static boolean encodeBit(ChannelSpec channel, Object value) throws ValueException {
        return ValueTransform.bool(channel.id(), value);
    }

    private static ModbusPoint point(ChannelSpec channel) throws ValueException {
        if (channel.modbus() == null) throw new ValueException("channel " + channel.id() + " has no Modbus point");
        return channel.modbus();
    }
}
