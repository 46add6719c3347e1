package io.onegrid.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The devices configured on this gateway and whether each is answering. Provided by the poller, which
 * owns the device connections; used by edge rules (coverage, overrides) and the uplink (health, birth).
 */
public interface DeviceRegistry {
    Collection<DeviceRef> devices();

    Optional<DeviceRef> device(String deviceId);

    /** False while the device is in communication fault (or not yet connected). */
    boolean online(String deviceId);

    /**
     * The device's communication state and when it last gave a reading (for the heartbeat). The default knows only
     * {@link #online}, for registries that track nothing more.
     */
    default DeviceHealth health(String deviceId) {
        return online(deviceId) ? new DeviceHealth(CommState.OK, null) : DeviceHealth.UNKNOWN;
    }

    /**
     * Calls {@code listener} after {@link #devices()} changed: a device was added, removed or reconfigured
     * (address, coverage, profile). Called on the thread that made the change, possibly once per device
     * during start-up: the listener must return quickly (schedule, do not work) and coalesce.
     * The default registers nothing, for registries whose device set never changes.
     */
    default void addDevicesListener(Runnable listener) {
        // A fixed device set never changes.
    }

    /** Stops calling a listener given to {@link #addDevicesListener} (the same instance). */
    default void removeDevicesListener(Runnable listener) {
        // Nothing was registered.
    }
}
