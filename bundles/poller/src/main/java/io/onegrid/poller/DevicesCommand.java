package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code devices} command (local console and hub): every configured device with its communication state, the
 * age of its last reading and the last value of each channel. The values come from the readings the poller fans
 * out (it replays the latest ones to a new listener), so answering never touches a device or its bus.
 */
final class DevicesCommand implements CommandHandler, ReadingListener {
    static final String DEVICES = "devices";

    private final DeviceRegistry registry;
    /** device id → channel → its latest reading; a device removed from the registry is dropped when listed. */
    private final Map<String, Map<String, Reading>> latest = new ConcurrentHashMap<>();

    DevicesCommand(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return DEVICES;
    }

    @Override
    public void onReadings(List<Reading> readings) {
        for (Reading r : readings) {
            latest.computeIfAbsent(r.deviceId(), id -> new ConcurrentHashMap<>()).put(r.channel(), r);
        }
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        List<DeviceRef> devices = new ArrayList<>(registry.devices());
        devices.sort(Comparator.comparing(DeviceRef::id));
        latest.keySet().retainAll(devices.stream().map(DeviceRef::id).toList());
        List<Object> out = new ArrayList<>(devices.size());
        for (DeviceRef d : devices) out.add(json(d));
        return Map.of(DEVICES, out);
    }

    private Map<String, Object> json(DeviceRef d) {
        DeviceHealth health = registry.health(d.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", d.id());
        m.put("profile", d.profileId());
        m.put("address", d.address());
        m.put("state", health.state().name().toLowerCase(Locale.ROOT));
        m.put("lastReadingAgeMs", health.lastReadingAgeMs());
        List<Object> values = new ArrayList<>();
        Map<String, Reading> channels = latest.getOrDefault(d.id(), Map.of());
        channels.keySet().stream().sorted().forEach(ch -> values.add(ReadCommand.json(channels.get(ch))));
        m.put("values", values);
        return m;
    }
}
