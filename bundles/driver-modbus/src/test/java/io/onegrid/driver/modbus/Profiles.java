package io.onegrid.driver.modbus;

import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ReportSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test profiles built from the model records, shaped like the catalog's. */
final class Profiles {
    private Profiles() { }

    static ChannelSpec channel(String id, String unit, DataType type, Access access, Table table, int address,
                               WordOrder order, double scale, double offset) {
        return new ChannelSpec(id, id, unit, type, access, new ModbusPoint(table, address, order, scale, offset), null, null);
    }

    static ChannelSpec channel(String id, DataType type, Table table, int address) {
        return channel(id, null, type, Access.READ, table, address, WordOrder.BIG, 1, 0);
    }

    static DeviceProfile profile(String id, Duration timeout, List<ChannelSpec> channels) {
        return new DeviceProfile(id, id, "test", "OneGrid", "modbus-tcp", Duration.ofSeconds(1), timeout,
                new ReportSpec(Map.of(), Duration.ofMinutes(5)), channels, List.of(), "test:" + id);
    }

    /** Like the catalog's hydrant-pressure-modbus: FLOAT32 MPa in holding 0..1, UINT16 status in input 10. */
    static DeviceProfile hydrant() {
        return profile("hydrant-pressure-modbus", Duration.ofMillis(500), List.of(
                channel("pressure", "MPa", DataType.FLOAT32, Access.READ, Table.HOLDING_REGISTER, 0, WordOrder.BIG, 1, 0),
                channel("status", DataType.UINT16, Table.INPUT_REGISTER, 10)));
    }

    static ProfileCatalog catalog(DeviceProfile... profiles) {
        return new ProfileCatalog() {
            @Override
            public Optional<DeviceProfile> find(String profileId) {
                return List.of(profiles).stream().filter(p -> p.id().equals(profileId)).findFirst();
            }

            @Override
            public Collection<DeviceProfile> all() {
                return List.of(profiles);
            }
        };
    }
}
