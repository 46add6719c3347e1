package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code devices} command (local console and hub): every configured device with its communication state, the
 * age of its last reading and the last value of each channel ({@link LastValues}), so answering never touches a
 * device or its bus.
 */
final class DevicesCommand implements CommandHandler {
    static final String DEVICES = "devices";

    private final DeviceRegistry registry;
    private final LastValues latest;

    DevicesCommand(DeviceRegistry registry, LastValues latest) {
        this.registry = registry;
        this.latest = latest;
    }

    @Override
    public String name() {
        return DEVICES;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        List<DeviceRef> devices = new ArrayList<>(registry.devices());
        devices.sort(Comparator.comparing(DeviceRef::id));
        latest.retain(devices.stream().map(DeviceRef::id).toList());
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
        Map<String, Reading> channels = latest.of(d.id());
        channels.keySet().stream().sorted().forEach(ch -> values.add(ReadCommand.json(channels.get(ch))));
        m.put("values", values);
        return m;
    }
}
