package io.onegrid.profile;

/**
 * One channel of a device profile. Exactly one of {@code modbus}, {@code gpio}, {@code coap} is set,
 * matching the profile's protocol family.
 */
public record ChannelSpec(String id, String description, String unit, DataType type, Access access,
                          ModbusPoint modbus, GpioPoint gpio, CoapPoint coap) { }
