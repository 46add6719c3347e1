package io.onegrid.poller;

import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each device's latest reading per channel, kept from the readings the poller fans out (it replays the latest ones
 * to a new listener), so the {@code devices} command answers without touching a device or its bus.
 */
final class LastValues implements ReadingListener {
    private final Map<String, Map<String, Reading>> latest = new ConcurrentHashMap<>();

    @Override
    public void onReadings(List<Reading> readings) {
        for (Reading r : readings) {
            latest.computeIfAbsent(r.deviceId(), id -> new ConcurrentHashMap<>()).put(r.channel(), r);
        }
    }

    /** The device's latest readings, by channel name. */
    Map<String, Reading> of(String deviceId) {
        return latest.getOrDefault(deviceId, Map.of());
    }

    /** Forgets the devices no longer configured. */
    void retain(Collection<String> deviceIds) {
        latest.keySet().retainAll(deviceIds);
    }
}
