package io.onegrid.driver.modbus;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Registers the Modbus RTU driver as a {@link FieldDriver} for protocol "modbus-rtu" and keeps its directory of
 * buses in step with the {@link RtuBus} services that {@link ModbusBusComponent} offers (one per configured bus).
 */
@Component(service = FieldDriver.class, property = FieldDriver.PROTOCOL_PROPERTY + "=" + ModbusRtuDriver.PROTOCOL)
public final class ModbusRtuDriverComponent implements FieldDriver {
    private final BusDirectory buses = new BusDirectory();
    private final ModbusRtuDriver driver = new ModbusRtuDriver(GatewayClock.SYSTEM, buses, false);

    @Reference(service = RtuBus.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeBus")
    void addBus(RtuBus bus) {
        buses.add(bus);
    }

    void removeBus(RtuBus bus) {
        buses.remove(bus);
    }

    @Override
    public String protocol() {
        return driver.protocol();
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        return driver.connect(device, profile, sink);
    }
}
