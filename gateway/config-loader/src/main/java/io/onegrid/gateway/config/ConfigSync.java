package io.onegrid.gateway.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes Configuration Admin match a {@link DesiredConfigurations}: creates what is missing, updates what
 * differs and deletes device configurations that came from the same file but are no longer in it.
 * Configurations whose properties are already equal are not touched, so unchanged components are not
 * reconfigured by an edit elsewhere in the file. Configurations created by others (no source marker, or
 * another file) are never deleted.
 */
public final class ConfigSync {
    private final ConfigStore store;

    public ConfigSync(ConfigStore store) {
        this.store = store;
    }

    public SyncReport apply(DesiredConfigurations desired, String source) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        int unchanged = 0;
        for (var e : desired.singletons().entrySet()) {
            Optional<Map<String, Object>> current = store.get(e.getKey());
            if (current.isEmpty()) {
                store.put(e.getKey(), e.getValue());
                created.add(e.getKey());
            } else if (!same(current.get(), e.getValue())) {
                store.put(e.getKey(), e.getValue());
                updated.add(e.getKey());
            } else {
                unchanged++;
            }
        }
        Map<String, Map<String, Object>> existing = store.factoryEntries(Pids.DEVICE_FACTORY);
        for (var e : desired.devices().entrySet()) {
            String pid = Pids.DEVICE_FACTORY + "~" + e.getKey();
            Map<String, Object> current = existing.get(e.getKey());
            if (current == null) {
                store.putFactory(Pids.DEVICE_FACTORY, e.getKey(), e.getValue());
                created.add(pid);
            } else if (!same(current, e.getValue())) {
                store.putFactory(Pids.DEVICE_FACTORY, e.getKey(), e.getValue());
                updated.add(pid);
            } else {
                unchanged++;
            }
        }
        for (var e : existing.entrySet()) {
            if (!desired.devices().containsKey(e.getKey()) && source.equals(e.getValue().get(Pids.SOURCE))) {
                store.deleteFactory(Pids.DEVICE_FACTORY, e.getKey());
                deleted.add(Pids.DEVICE_FACTORY + "~" + e.getKey());
            }
        }
        return new SyncReport(created, updated, deleted, unchanged);
    }

    /** Compares property maps the way Configuration Admin would see them: arrays by content. */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        return normalize(a).equals(normalize(b));
    }

    private static Map<String, Object> normalize(Map<String, Object> props) {
        Map<String, Object> out = new HashMap<>();
        props.forEach((k, v) -> {
            if (v != null && v.getClass().isArray()) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < Array.getLength(v); i++) list.add(Array.get(v, i));
                out.put(k, list);
            } else {
                out.put(k, Objects.requireNonNullElse(v, ""));
            }
        });
        return out;
    }
}
