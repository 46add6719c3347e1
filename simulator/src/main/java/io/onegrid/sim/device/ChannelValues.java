package io.onegrid.sim.device;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.sim.modbus.RegisterCodec;

/** The value kinds a simulated channel holds: Boolean for BOOL, String for STRING, Double for numbers. */
public final class ChannelValues {
    private ChannelValues() { }

    /**
     * Turns a scenario value into the channel's value kind.
     *
     * @throws IllegalArgumentException with a sentence naming the channel and the expected kind
     */
    public static Object coerce(ChannelSpec channel, Object value) {
        DataType type = channel.type();
        if (type == DataType.BOOL) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("channel '" + channel.id() + "' is BOOL: use true or false, not '"
                    + value + "'");
        }
        if (type == DataType.STRING) {
            if (value instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException("channel '" + channel.id() + "' is STRING: use a quoted text, not '"
                    + value + "'");
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("channel '" + channel.id() + "' is " + type + ": use a number, not '"
                + value + "'");
    }

    /**
     * The value a channel holds when the scenario gives none: false, "", or for a Modbus channel the value
     * of an all-zero register (its offset), so that an unset channel always encodes.
     */
    public static Object defaultValue(ChannelSpec channel) {
        if (channel.type() == DataType.BOOL) {
            return false;
        }
        if (channel.type() == DataType.STRING) {
            return "";
        }
        if (channel.modbus() != null && !channel.modbus().table().bitTable()) {
            return RegisterCodec.decode(channel, new int[RegisterCodec.width(channel)]);
        }
        return 0.0;
    }
}
