package io.onegrid.driver.modbus;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Modbus points of one profile: readable ones to plan, writable ones to look up, and the channels that
 * cannot be read at all with the reason (they become BAD readings rather than failing the device).
 */
record DevicePoints(List<PlannedPoint> readable, Map<String, PlannedPoint> writable, List<Unreadable> unreadable) {

    /** A channel the driver cannot read, with its unit (for the BAD reading) and why. */
    record Unreadable(String channel, String unit, String problem) { }

    static DevicePoints of(DeviceProfile profile) {
        List<PlannedPoint> readable = new ArrayList<>();
        Map<String, PlannedPoint> writable = new LinkedHashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (ChannelSpec channel : profile.channels()) {
            ModbusPoint point = channel.modbus();
            if (point == null || point.table() == null || channel.type() == null) {
                if (channel.access() == null || channel.access().readable()) {
                    unreadable.add(new Unreadable(channel.id(), channel.unit(), "channel " + channel.id() + " has no Modbus table/address/type"));
                }
                continue;
            }
            PlannedPoint planned = PlannedPoint.of(channel);
            boolean canRead = channel.access() == null || channel.access().readable();
            if (canRead) {
                String problem = ReadPlanner.problem(planned);
                if (problem == null && point.table().bitTable() && channel.type() != DataType.BOOL) {
                    problem = "channel " + channel.id() + " is " + channel.type() + " but lies in " + point.table()
                            + "; only BOOL channels can";
                }
                if (problem == null) {
                    readable.add(planned);
                } else {
                    unreadable.add(new Unreadable(channel.id(), channel.unit(), problem));
                }
            }
            if (channel.access() != null && channel.access().writable()) {
                writable.put(channel.id(), planned);
            }
        }
        return new DevicePoints(List.copyOf(readable), Map.copyOf(writable), List.copyOf(unreadable));
    }

    Optional<PlannedPoint> writablePoint(String channel) {
        return Optional.ofNullable(writable.get(channel));
    }
}
