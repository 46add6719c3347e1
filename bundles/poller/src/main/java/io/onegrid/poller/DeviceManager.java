package io.onegrid.poller;

/** Bundle-internal service through which device configurations reach the poller. */
interface DeviceManager {
    void put(String key, DeviceSettings device);

    void remove(String key);
}
