package io.onegrid.sim.modbus;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each channel of a Modbus profile lives: for every table, which channel (and which word of it)
 * occupies each address. Addresses no channel covers are unmapped and answer "illegal data address".
 */
public final class ModbusLayout {
    /** One address of a table: the channel there and the index of the word within the channel's value. */
    public record Cell(ChannelSpec channel, int word) { }

    private final Map<ModbusPoint.Table, TreeMap<Integer, Cell>> tables = new EnumMap<>(ModbusPoint.Table.class);

    private ModbusLayout() { }

    /**
     * @throws IllegalArgumentException if two channels overlap, a channel does not fit the 16-bit address
     *                                  space, or a type cannot be served (STRING, non-BOOL in a bit table)
     */
    public static ModbusLayout of(DeviceProfile profile) {
        ModbusLayout layout = new ModbusLayout();
        for (ChannelSpec channel : profile.channels()) {
            ModbusPoint point = channel.modbus();
            if (point == null) {
                continue;
            }
            if (point.table().bitTable() && channel.type() != DataType.BOOL) {
                throw new IllegalArgumentException("channel " + channel.id() + " is " + channel.type() + " in "
                        + point.table() + ", which holds single bits");
            }
            int width = RegisterCodec.width(channel);
            if (point.address() < 0 || point.address() + width > 65536) {
                throw new IllegalArgumentException("channel " + channel.id() + " at address " + point.address()
                        + " does not fit the 0..65535 address range");
            }
            TreeMap<Integer, Cell> table = layout.tables.computeIfAbsent(point.table(), t -> new TreeMap<>());
            for (int i = 0; i < width; i++) {
                Cell previous = table.put(point.address() + i, new Cell(channel, i));
                if (previous != null) {
                    throw new IllegalArgumentException("channels " + previous.channel().id() + " and "
                            + channel.id() + " overlap at " + point.table() + " " + (point.address() + i));
                }
            }
        }
        return layout;
    }

    public Optional<Cell> cell(ModbusPoint.Table table, int address) {
        TreeMap<Integer, Cell> cells = tables.get(table);
        return cells == null ? Optional.empty() : Optional.ofNullable(cells.get(address));
    }
}
