package io.onegrid.driver.modbus;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the Modbus TCP driver as a {@link FieldDriver} for protocol "modbus-tcp". A new profile
 * catalog or new settings restart it; the poller then reconnects its devices with the new profiles.
 */
@Component(service = FieldDriver.class, configurationPid = ModbusDriverComponent.PID,
        property = FieldDriver.PROTOCOL_PROPERTY + "=" + ModbusTcpDriver.PROTOCOL)
@Designate(ocd = ModbusDriverConfig.class)
public final class ModbusDriverComponent implements FieldDriver {
    static final String PID = "io.onegrid.driver.modbus";

    private final ModbusTcpDriver driver;

    @Activate
    public ModbusDriverComponent(ModbusDriverConfig config) {
        this.driver = new ModbusTcpDriver(GatewayClock.SYSTEM,
                new ReadPlanner(Math.max(0, config.maxGapRegisters()), Math.max(0, config.maxGapBits())));
    }

    @Override
    public String protocol() {
        return driver.protocol();
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        return driver.connect(device, profile, sink);
    }

    @Deactivate
    void deactivate() {
        driver.close();
    }
}
