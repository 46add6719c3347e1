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
}
