package io.onegrid.sim.modbus;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.values.ModbusValues;
import io.onegrid.profile.values.ValueException;

/**
 * The simulator's side of the shared value code ({@link ModbusValues}, the same the gateway decodes with):
 * a channel's engineering value to the register words a Modbus device would hold, and back. A value set here
 * therefore reads back unchanged at the gateway, whatever the profile's scale, word order, byte order or labels.
 */
public final class RegisterCodec {
    private RegisterCodec() { }

    /** Registers (words) the channel occupies in a register table; 1 for a bit in a coil/discrete table. */
    public static int width(ChannelSpec channel) {
        try {
            return ModbusValues.width(channel);
        } catch (ValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Encodes an engineering value into register words (each 0..65535).
     *
     * @throws IllegalArgumentException if the value is of the wrong kind or does not fit the data type
     */
    public static int[] encode(ChannelSpec channel, Object value) {
        try {
            return ModbusValues.encode(channel, value);
        } catch (ValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Decodes register words (in table order) back into the engineering value: Boolean for BOOL, String for STRING, Double otherwise. */
    public static Object decode(ChannelSpec channel, int[] words) {
        if (words.length != width(channel)) {
            throw new IllegalArgumentException("channel " + channel.id() + ": expected " + width(channel)
                    + " words, got " + words.length);
        }
        try {
            if (channel.modbus().table().bitTable()) {
                return ModbusValues.decodeBit(channel, words[0] != 0);
            }
            return ModbusValues.decode(channel, words, 0);
        } catch (ValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
