package io.onegrid.poller;

import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the {@link Poller} into OSGi: field drivers and reading listeners come and go dynamically, device
 * configurations arrive through {@link DeviceComponent}, and the poller is offered as the gateway's
 * {@link DeviceRegistry} and {@link ChannelWriter}. A new profile catalog restarts it (devices reconnect
 * with the new profiles). Immediate: devices are polled whether or not anyone asks for the registry. The
 * bundle's command handlers reach the devices through the bundle-internal {@link DeviceAccess}.
 */
@Component(service = {DeviceRegistry.class, ChannelWriter.class, DeviceManager.class, DeviceAccess.class},
        configurationPid = PollerComponent.PID, immediate = true)
@Designate(ocd = PollerConfig.class)
public final class PollerComponent implements DeviceRegistry, ChannelWriter, DeviceManager, DeviceAccess {
    static final String PID = "io.onegrid.poller";
    private static final long PROFILE_REFRESH_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(PollerComponent.class);

    private final ExecutorScheduler scheduler = new ExecutorScheduler("onegrid-poller-timer");
    private final ExecutorService buses;
    private final Poller poller;

    @Activate
    public PollerComponent(@Reference ProfileCatalog catalog, PollerConfig config) {
        AtomicInteger threads = new AtomicInteger();
        buses = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "onegrid-bus-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        poller = new Poller(catalog::find, scheduler, buses, GatewayClock.SYSTEM, settings(config), new Random());
        scheduleProfileRefresh();
    }

    /** The catalog may change its content in place (new profile folder): look again every little while. */
    private void scheduleProfileRefresh() {
        scheduler.schedule(() -> {
            poller.refreshProfiles();
            scheduleProfileRefresh();
        }, PROFILE_REFRESH_MS);
    }

    @Modified
    void modified(PollerConfig config) {
        poller.update(settings(config));
    }

    @Deactivate
    void deactivate() {
        poller.close();
        scheduler.close();
        buses.shutdown();
    }

    @Reference(name = "driver", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDriver")
    void addDriver(FieldDriver driver, Map<String, Object> properties) {
        Object protocol = properties.get(FieldDriver.PROTOCOL_PROPERTY);
        if (protocol == null) {
            LOG.warn("field driver {} has no {} property; it is not used", driver.getClass().getName(),
                    FieldDriver.PROTOCOL_PROPERTY);
            return;
        }
        poller.addDriver(protocol.toString(), driver);
    }

    void removeDriver(FieldDriver driver, Map<String, Object> properties) {
        Object protocol = properties.get(FieldDriver.PROTOCOL_PROPERTY);
        if (protocol != null) {
            poller.removeDriver(protocol.toString(), driver);
        }
    }

    @Reference(name = "listener", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeListener")
    void addListener(ReadingListener listener) {
        poller.addListener(listener);
    }

    void removeListener(ReadingListener listener) {
        poller.removeListener(listener);
    }

    @Override
    public void put(String key, DeviceSettings device) {
        poller.put(key, device);
    }

    @Override
    public void remove(String key) {
        poller.remove(key);
    }

    @Override
    public void addDevicesListener(Runnable listener) {
        poller.addDevicesListener(listener);
    }

    @Override
    public void removeDevicesListener(Runnable listener) {
        poller.removeDevicesListener(listener);
    }

    @Override
    public Collection<DeviceRef> devices() {
        return poller.devices();
    }

    @Override
    public Optional<DeviceRef> device(String deviceId) {
        return poller.device(deviceId);
    }

    @Override
    public boolean online(String deviceId) {
        return poller.online(deviceId);
    }

    @Override
    public DeviceHealth health(String deviceId) {
        return poller.health(deviceId);
    }

    @Override
    public void write(String deviceId, String channel, Object value) throws DriverException {
        poller.write(deviceId, channel, value);
    }

    @Override
    public Optional<DeviceProfile> profileOf(String deviceId) {
        return poller.profileOf(deviceId);
    }

    @Override
    public List<Reading> readNow(String deviceId) throws DriverException {
        return poller.readNow(deviceId);
    }

    static PollerSettings settings(PollerConfig config) {
        return new PollerSettings(Math.max(1, config.failuresBeforeOffline()),
                Math.max(1, config.maxBackoffSeconds()) * 1000L,
                Math.min(100, Math.max(0, config.jitterPercent())) / 100.0,
                Math.max(1, config.defaultPollIntervalSeconds()) * 1000L,
                Math.max(1, config.writeWaitMs()));
    }
}
