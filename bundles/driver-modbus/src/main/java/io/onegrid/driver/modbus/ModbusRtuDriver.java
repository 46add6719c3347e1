package io.onegrid.driver.modbus;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import java.util.List;

/**
 * The Modbus RTU field driver: a device names its bus ({@link DeviceRef#bus()}, a name from the gateway file's
 * {@code buses:}) and its unit id ({@link DeviceRef#address()}, 1..247); every device on a bus shares the bus's line.
 * A device is connected to the bus by name, not to a line: when its bus is reconfigured the device's next poll uses
 * the new line and settings; when the bus is withdrawn its polls fail with NO_ROUTE until it is declared again.
 * Plain Java: the probe builds it with {@link #of} and a bus, no OSGi needed.
 */
public final class ModbusRtuDriver implements FieldDriver, AutoCloseable {
    public static final String PROTOCOL = "modbus-rtu";

    private final GatewayClock clock;
    private final BusDirectory buses;
    private final boolean ownsBuses;

    ModbusRtuDriver(GatewayClock clock, BusDirectory buses, boolean ownsBuses) {
        this.clock = clock;
        this.buses = buses;
        this.ownsBuses = ownsBuses;
    }

    /** A driver for these buses, which it closes when it is closed. */
    public static ModbusRtuDriver of(GatewayClock clock, List<RtuBus> buses) {
        BusDirectory directory = new BusDirectory();
        buses.forEach(directory::add);
        return new ModbusRtuDriver(clock, directory, true);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        int unit = unitId(device);
        String busName = device.bus();
        if (buses.get(busName) == null) {
            List<String> declared = buses.names();
            String which = declared.isEmpty() ? "no bus is declared" : "declared: " + String.join(", ", declared);
            if (busName == null || busName.isBlank()) {
                throw new DriverException(Code.BAD_ADDRESS, "device " + device.id()
                        + " names no bus: a Modbus RTU device needs bus: NAME from buses: (" + which + ")");
            }
            throw new DriverException(Code.BAD_ADDRESS, "device " + device.id() + " is on bus '" + busName
                    + "', which is not declared under buses: (" + which + ")");
        }
        ModbusRoute route = () -> {
            RtuBus bus = buses.get(busName);
            if (bus == null) {
                throw new DriverException(Code.NO_ROUTE, "device " + device.id() + ": bus '" + busName
                        + "' is no longer declared");
            }
            return bus.endpoint();
        };
        try {
            return new ModbusDeviceConnection(device, unit, route, DevicePoints.of(profile), clock, () -> { });
        } catch (RuntimeException e) {
            throw new DriverException(Code.UNSUPPORTED, "device " + device.id() + ": " + e.getMessage(), e);
        }
    }

    /** The unit id a device's address gives: a number 1..247 (0 is broadcast, 248..255 are reserved). */
    static int unitId(DeviceRef device) throws DriverException {
        String text = device.address() == null ? "" : device.address().trim();
        try {
            int unit = Integer.parseInt(text);
            if (unit >= 1 && unit <= 247) return unit;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DriverException(Code.BAD_ADDRESS, "device " + device.id() + ": Modbus RTU unit id '" + text
                + "' is not a number 1..247 (give unitId: N in the gateway file)");
    }

    @Override
    public void close() {
        if (ownsBuses) {
            buses.all().forEach(RtuBus::close);
        }
    }
}
