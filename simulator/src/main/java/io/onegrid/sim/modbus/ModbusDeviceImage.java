package io.onegrid.sim.modbus;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.ModbusPoint;
import io.onegrid.sim.device.SimDevice;
import java.util.HashMap;
import java.util.Map;

/**
 * The register view of one simulated device: reads encode the device's current engineering values,
 * writes decode back into them. Unmapped addresses and writes to read-only channels are refused with
 * {@link ModbusAccessException} so the server can answer with a Modbus exception code.
 */
public final class ModbusDeviceImage {
    private final SimDevice device;
    private final ModbusLayout layout;

    public ModbusDeviceImage(SimDevice device) {
        this.device = device;
        this.layout = ModbusLayout.of(device.profile());
    }

    public SimDevice device() { return device; }

    /** Reads {@code quantity} registers (or bits, as 0/1) of a table starting at {@code address}. */
    public int[] read(ModbusPoint.Table table, int address, int quantity) throws ModbusAccessException {
        int[] out = new int[quantity];
        Map<String, int[]> encoded = new HashMap<>();
        synchronized (device) {
            for (int i = 0; i < quantity; i++) {
                ModbusLayout.Cell cell = layout.cell(table, address + i).orElseThrow(
                        () -> new ModbusAccessException(ModbusAccessException.Reason.UNMAPPED, table, address, quantity));
                ChannelSpec channel = cell.channel();
                out[i] = encoded.computeIfAbsent(channel.id(), id -> encodeCurrent(channel))[cell.word()];
            }
        }
        return out;
    }

    /**
     * Writes words (or bits as 0/1) to consecutive addresses; every address must belong to a writable
     * channel. A multi-register channel only partly covered keeps its other words.
     */
    public void write(ModbusPoint.Table table, int address, int[] words) throws ModbusAccessException {
        Map<String, int[]> pending = new HashMap<>();
        Map<String, ChannelSpec> channels = new HashMap<>();
        synchronized (device) {
            for (int i = 0; i < words.length; i++) {
                ModbusLayout.Cell cell = layout.cell(table, address + i).orElseThrow(
                        () -> new ModbusAccessException(ModbusAccessException.Reason.UNMAPPED, table, address, words.length));
                ChannelSpec channel = cell.channel();
                if (channel.access() == null || !channel.access().writable()) {
                    throw new ModbusAccessException(ModbusAccessException.Reason.READ_ONLY, table, address, words.length);
                }
                channels.put(channel.id(), channel);
                pending.computeIfAbsent(channel.id(), id -> encodeCurrent(channel).clone())[cell.word()] = words[i] & 0xFFFF;
            }
        }
        Map<String, Object> decoded = new HashMap<>();
        try {
            pending.forEach((id, w) -> decoded.put(id, RegisterCodec.decode(channels.get(id), w)));
            decoded.forEach(device::set);
        } catch (IllegalArgumentException e) {
            throw new ModbusAccessException(ModbusAccessException.Reason.BAD_VALUE, table, address, words.length);
        }
    }

    private int[] encodeCurrent(ChannelSpec channel) {
        Object value = device.value(channel.id());
        try {
            return RegisterCodec.encode(channel, value);
        } catch (IllegalArgumentException noisePushedOutOfRange) {
            return RegisterCodec.encode(channel, device.setValue(channel.id()));
        }
    }
}
