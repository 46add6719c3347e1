package io.onegrid.profile;

import java.util.Map;

/**
 * One channel of a device profile. Exactly one of {@code modbus}, {@code gpio}, {@code coap} is set,
 * matching the profile's protocol family.
 *
 * @param labels an enum map, raw code to label ({@code enum: {0: normal, 1: alarm}}): the channel then reads
 *               as its label; empty for none
 */
public record ChannelSpec(String id, String description, String unit, DataType type, Access access,
                          ModbusPoint modbus, GpioPoint gpio, CoapPoint coap, Map<Long, String> labels) {
    public ChannelSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A channel without enum labels. */
    public ChannelSpec(String id, String description, String unit, DataType type, Access access,
                       ModbusPoint modbus, GpioPoint gpio, CoapPoint coap) {
        this(id, description, unit, type, access, modbus, gpio, coap, Map.of());
    }
}
