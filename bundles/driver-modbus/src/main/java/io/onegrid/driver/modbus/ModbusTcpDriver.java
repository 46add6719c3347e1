package io.onegrid.driver.modbus;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import java.time.Duration;

/**
 * The Modbus TCP field driver: reads each device's points from its profile, plans them into as few
 * requests as possible and shares one TCP connection per host:port among the devices behind it.
 * Connecting is lazy: the socket opens on the first request, so a device that is down fails its polls
 * (NO_ROUTE) rather than its connect.
 */
public final class ModbusTcpDriver implements FieldDriver, AutoCloseable {
    public static final String PROTOCOL = "modbus-tcp";
    /** Used when a profile gives no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final GatewayClock clock;
    private final ReadPlanner planner;
    private final LinkPool links = new LinkPool();

    public ModbusTcpDriver(GatewayClock clock, ReadPlanner planner) {
        this.clock = clock;
        this.planner = planner;
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        ModbusAddress address;
        try {
            address = ModbusAddress.parse(device.address());
        } catch (DriverException e) {
            throw new DriverException(Code.BAD_ADDRESS, "device " + device.id() + ": " + e.getMessage());
        }
        DevicePoints points = DevicePoints.of(profile);
        TcpLink link = links.acquire(address);
        try {
            ModbusRoute route = ModbusRoute.Endpoint.fixed(new ModbusRoute.Endpoint(link, planner, timeoutMs(profile), 0));
            return new ModbusDeviceConnection(device, address.unitId(), route, points, clock, () -> links.release(link));
        } catch (DriverException | RuntimeException e) {
            links.release(link);
            throw new DriverException(Code.UNSUPPORTED, "device " + device.id() + ": " + e.getMessage(), e);
        }
    }

    /** Open TCP connections, for tests and diagnostics. */
    int openLinks() {
        return links.size();
    }

    @Override
    public void close() {
        links.close();
    }

    static int timeoutMs(DeviceProfile profile) {
        Duration timeout = profile.timeout() == null || profile.timeout().isZero() || profile.timeout().isNegative()
                ? DEFAULT_TIMEOUT : profile.timeout();
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
