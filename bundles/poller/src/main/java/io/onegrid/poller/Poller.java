package io.onegrid.poller;

import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.profile.Backoff;
import io.onegrid.profile.DeviceProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device instances of this gateway: configurations come and go (keyed by their configuration PID),
 * drivers come and go (keyed by protocol), and each device runs on the queue of its bus as soon as its
 * profile and driver are there. Also the gateway's {@link DeviceRegistry} and {@link ChannelWriter}.
 */
public final class Poller implements DeviceRegistry, ChannelWriter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final Function<String, Optional<DeviceProfile>> profiles;
    private final Executor busExecutor;
    private final ListenerFanout fanout;
    private final DeviceRuntime.Env env;
    private volatile PollerSettings settings;

    private final Map<String, DeviceSettings> configured = new LinkedHashMap<>(); // by config key; guarded by this
    private final Map<String, String> keyOfDevice = new HashMap<>();              // device id -> config key
    private final Map<String, DeviceRuntime> running = new LinkedHashMap<>();     // by device id
    private final Map<String, List<FieldDriver>> drivers = new HashMap<>();       // by protocol, first wins
    private final Map<String, BusQueue> buses = new HashMap<>();
    private final List<Runnable> devicesListeners = new CopyOnWriteArrayList<>();
    private boolean closed;
    /** Serializes configuration and driver changes, so a device never ends up wired to a departed driver. */
    private final Object wiring = new Object();

    public Poller(Function<String, Optional<DeviceProfile>> profiles, Scheduler scheduler, Executor busExecutor,
                  GatewayClock clock, PollerSettings settings, Random random) {
        this.profiles = profiles;
        this.busExecutor = busExecutor;
        this.settings = settings;
        this.fanout = new ListenerFanout(clock);
        this.env = new DeviceRuntime.Env(scheduler, clock, () -> this.settings, new Backoff(random), fanout);
    }

    public void update(PollerSettings next) {
        settings = Objects.requireNonNull(next);
    }

    /** Adds or replaces the device of configuration {@code key}; a changed device reconnects. */
    public void put(String key, DeviceSettings device) {
        synchronized (wiring) {
            DeviceRuntime retired = null;
            DeviceRuntime started = null;
            synchronized (this) {
                if (closed) return;
                DeviceSettings before = configured.get(key);
                if (device.equals(before)) {
                    return;
                }
                String owner = keyOfDevice.get(device.deviceId());
                if (owner != null && !owner.equals(key)) {
                    LOG.error("device id {} is configured twice (configurations {} and {}); the second is ignored",
                            device.deviceId(), owner, key);
                    return;
                }
                if (before != null) {
                    retired = running.remove(before.deviceId());
                    keyOfDevice.remove(before.deviceId());
                }
                configured.put(key, device);
                keyOfDevice.put(device.deviceId(), key);
                Optional<DeviceProfile> profile = profiles.apply(device.profileId());
                if (profile.isEmpty()) {
                    LOG.error("device {} names profile '{}', which is not in the profile catalog; it stays idle",
                            device.deviceId(), device.profileId());
                } else {
                    started = start(device, profile.get());
                    running.put(device.deviceId(), started);
                }
            }
            handOver(retired, started);
        }
    }

    /** Removes the device of configuration {@code key}: polling stops and its connection closes. */
    public void remove(String key) {
        synchronized (wiring) {
            DeviceRuntime retired = null;
            synchronized (this) {
                DeviceSettings before = configured.remove(key);
                if (before != null && key.equals(keyOfDevice.get(before.deviceId()))) {
                    keyOfDevice.remove(before.deviceId());
                    retired = running.remove(before.deviceId());
                }
            }
            // nobody will see it come back: an open fault is closed for the listeners
            handOver(retired, null);
        }
    }

    /**
     * Looks every configured device's profile up again: a device waiting for a profile starts once the
     * catalog has it, and a device whose profile changed restarts with the new one. The catalog swaps its
     * content in place without telling anyone, so the poller component calls this periodically.
     */
    public void refreshProfiles() {
        synchronized (wiring) {
            List<DeviceRuntime[]> changes = new ArrayList<>();
            synchronized (this) {
                if (closed) return;
                for (DeviceSettings device : configured.values()) {
                    DeviceProfile now = profiles.apply(device.profileId()).orElse(null);
                    DeviceRuntime current = running.get(device.deviceId());
                    if (Objects.equals(now, current == null ? null : current.profile())) {
                        continue;
                    }
                    DeviceRuntime retired = current == null ? null : running.remove(device.deviceId());
                    DeviceRuntime started = null;
                    if (now == null) {
                        LOG.error("device {}: profile '{}' left the profile catalog; the device stays idle",
                                device.deviceId(), device.profileId());
                    } else {
                        LOG.info("device {}: profile '{}' {}; (re)starting the device", device.deviceId(),
                                device.profileId(), current == null ? "is now in the catalog" : "changed");
                        started = start(device, now);
                        running.put(device.deviceId(), started);
                    }
                    changes.add(new DeviceRuntime[] {retired, started});
                }
            }
            for (DeviceRuntime[] change : changes) {
                handOver(change[0], change[1]);
            }
        }
    }

    public void addDriver(String protocol, FieldDriver driver) {
        synchronized (wiring) {
            synchronized (this) {
                drivers.computeIfAbsent(protocol, p -> new ArrayList<>()).add(driver);
            }
            rewire(protocol);
        }
    }

    public void removeDriver(String protocol, FieldDriver driver) {
        synchronized (wiring) {
            synchronized (this) {
                List<FieldDriver> list = drivers.get(protocol);
                if (list != null) {
                    list.remove(driver);
                }
            }
            rewire(protocol);
        }
    }

    /**
     * Adds a listener; it first gets every running device's current state (fault and latest readings, see
     * {@link DeviceRuntime#replayTo}), then live readings, so it never waits for a change to learn the state.
     */
    public void addListener(ReadingListener listener) {
        fanout.add(listener);
        List<DeviceRuntime> now;
        synchronized (this) {
            now = List.copyOf(running.values());
        }
        for (DeviceRuntime runtime : now) {
            runtime.replayTo(listener);
        }
    }

    public void removeListener(ReadingListener listener) {
        fanout.remove(listener);
    }

    @Override
    public void addDevicesListener(Runnable listener) {
        devicesListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeDevicesListener(Runnable listener) {
        devicesListeners.remove(listener);
    }

    @Override
    public synchronized Collection<DeviceRef> devices() {
        return running.values().stream().map(DeviceRuntime::ref).toList();
    }

    @Override
    public synchronized Optional<DeviceRef> device(String deviceId) {
        return Optional.ofNullable(running.get(deviceId)).map(DeviceRuntime::ref);
    }

    @Override
    public boolean online(String deviceId) {
        DeviceRuntime runtime;
        synchronized (this) {
            runtime = running.get(deviceId);
        }
        return runtime != null && runtime.online();
    }

    @Override
    public DeviceHealth health(String deviceId) {
        DeviceRuntime runtime;
        synchronized (this) {
            runtime = running.get(deviceId);
        }
        return runtime == null ? DeviceHealth.UNKNOWN : runtime.health();
    }

    /** The profile a running device follows. */
    public synchronized Optional<DeviceProfile> profileOf(String deviceId) {
        return Optional.ofNullable(running.get(deviceId)).map(DeviceRuntime::profile);
    }

    @Override
    public void write(String deviceId, String channel, Object value) throws DriverException {
        DeviceRuntime runtime;
        synchronized (this) {
            runtime = running.get(deviceId);
        }
        if (runtime == null) {
            throw new DriverException(Code.BAD_ADDRESS, "no device '" + deviceId + "' is running on this gateway");
        }
        runtime.write(channel, value);
    }

    /** Reads a running device's polled channels now (a hub's read command), on its bus. */
    public List<Reading> readNow(String deviceId) throws DriverException {
        DeviceRuntime runtime;
        synchronized (this) {
            runtime = running.get(deviceId);
        }
        if (runtime == null) {
            throw new DriverException(Code.BAD_ADDRESS, "no device '" + deviceId + "' is running on this gateway");
        }
        return runtime.readNow();
    }

    @Override
    public void close() {
        synchronized (wiring) {
            List<DeviceRuntime> all;
            synchronized (this) {
                closed = true;
                all = new ArrayList<>(running.values());
                running.clear();
                configured.clear();
                keyOfDevice.clear();
            }
            all.forEach(DeviceRuntime::stop);
        }
    }

    /**
     * Stops the old runtime of a device and starts its successor (either may be null), keeping an open fault and
     * the time of the last reading.
     */
    private void handOver(DeviceRuntime retired, DeviceRuntime started) {
        if (retired != null) {
            retired.stop();
            if (started != null && started.ref().id().equals(retired.ref().id())) {
                started.inheritLastReading(retired);
            }
            if (retired.faulted()) {
                if (started != null && started.ref().id().equals(retired.ref().id())) {
                    started.inheritFault(retired.problem());
                } else {
                    fanout.communication(retired.ref(), false, "device removed from the configuration");
                }
            }
        }
        if (started != null) {
            started.useDriver(driverFor(started.profile().protocol()));
        }
        if (retired != null || started != null) {
            devicesChanged();
        }
    }

    private void devicesChanged() {
        for (Runnable listener : devicesListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("device list listener failed", e);
            }
        }
    }

    private DeviceRuntime start(DeviceSettings device, DeviceProfile profile) { // holding this
        String bus = device.bus() != null ? device.bus() : BusNames.defaultBus(profile.protocol(), device.address());
        DeviceRef ref = new DeviceRef(device.deviceId(), device.profileId(), device.address(), bus,
                device.coverage(), device.overrides());
        BusQueue queue = buses.computeIfAbsent(bus, name -> new BusQueue(name, busExecutor));
        if (driverFor(profile.protocol()) == null) {
            LOG.info("device {} waits for a driver for protocol {}", device.deviceId(), profile.protocol());
        }
        return new DeviceRuntime(ref, profile, queue, env);
    }

    private synchronized FieldDriver driverFor(String protocol) {
        List<FieldDriver> list = drivers.get(protocol);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private void rewire(String protocol) {
        List<DeviceRuntime> affected;
        FieldDriver driver;
        synchronized (this) {
            affected = running.values().stream().filter(r -> protocol.equals(r.profile().protocol())).toList();
            driver = driverFor(protocol);
        }
        for (DeviceRuntime runtime : affected) {
            runtime.useDriver(driver);
        }
    }
}
