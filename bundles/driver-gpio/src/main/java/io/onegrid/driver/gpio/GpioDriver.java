package io.onegrid.driver.gpio;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GPIO field driver: looks a device's profile up, parses its address and opens its lines on the
 * current backend. The backend can be swapped while devices are connected ({@link #switchBackend}); their
 * lines are re-opened on the new one.
 */
public final class GpioDriver implements FieldDriver, AutoCloseable {
    public static final String PROTOCOL = "gpio";
    private static final Logger LOG = LoggerFactory.getLogger(GpioDriver.class);

    private final DebounceScheduler scheduler;
    private final GatewayClock clock;
    private final Set<GpioConnection> connections = ConcurrentHashMap.newKeySet();
    private GpioBackend backend;

    public GpioDriver(GpioBackend backend, DebounceScheduler scheduler, GatewayClock clock) {
        this.backend = Objects.requireNonNull(backend);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        GpioAddress address = GpioAddress.parse(device.id(), device.address(), profile);
        GpioConnection connection = new GpioConnection(device, profile, address, Objects.requireNonNull(sink),
                clock, scheduler, connections::remove);
        synchronized (this) {
            connection.open(backend);
            connections.add(connection);
        }
        return connection;
    }

    /**
     * Closes the current backend and re-opens every connected device's lines on {@code next}. A device whose
     * lines cannot be opened there stays connected but reports the failure on poll and write.
     */
    public synchronized void switchBackend(GpioBackend next) {
        GpioBackend previous = backend;
        backend = Objects.requireNonNull(next);
        previous.close();
        for (GpioConnection connection : new ArrayList<>(connections)) {
            try {
                connection.open(next);
            } catch (DriverException e) {
                LOG.error("GPIO device {} cannot re-open its lines on {}: {}", connection.deviceId(),
                        next.describe(), e.getMessage());
            }
        }
        LOG.info("GPIO driver now uses {} ({} device(s) re-opened)", next.describe(), connections.size());
    }

    public synchronized GpioBackend backend() {
        return backend;
    }

    /** Closes every connection and the backend. */
    @Override
    public void close() {
        List<GpioConnection> open = new ArrayList<>(connections);
        open.forEach(GpioConnection::close);
        synchronized (this) {
            backend.close();
        }
    }
}
