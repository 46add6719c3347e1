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
 * differs and deletes bus and device configurations that came from the same file but are no longer in it.
 * Configurations whose properties are already equal are not touched, so unchanged components are not
 * reconfigured by an edit elsewhere in the file. Configurations created by others (no source marker, or
 * another file) are never deleted. Buses are written before devices and deleted after them, so a device
 * never appears on a bus that does not exist yet or outlives the bus it was on.
 */
public final class ConfigSync {
    private final ConfigStore store;

    public ConfigSync(ConfigStore store) {
        this.store = store;
    }

    public SyncReport apply(DesiredConfigurations desired, String source) {
        Changes changes = new Changes();
        for (var e : desired.singletons().entrySet()) {
            Optional<Map<String, Object>> current = store.get(e.getKey());
            if (current.isEmpty()) {
                store.put(e.getKey(), e.getValue());
                changes.created.add(e.getKey());
            } else if (!same(current.get(), e.getValue())) {
                store.put(e.getKey(), e.getValue());
                changes.updated.add(e.getKey());
            } else {
                changes.unchanged++;
            }
        }
        Map<String, Map<String, Object>> buses = store.factoryEntries(Pids.BUS_FACTORY);
        Map<String, Map<String, Object>> devices = store.factoryEntries(Pids.DEVICE_FACTORY);
        put(Pids.BUS_FACTORY, desired.buses(), buses, changes);
        put(Pids.DEVICE_FACTORY, desired.devices(), devices, changes);
        deleteMissing(Pids.DEVICE_FACTORY, desired.devices(), devices, source, changes);
        deleteMissing(Pids.BUS_FACTORY, desired.buses(), buses, source, changes);
        return new SyncReport(changes.created, changes.updated, changes.deleted, changes.unchanged);
    }

    private void put(String factoryPid, Map<String, Map<String, Object>> desired,
                     Map<String, Map<String, Object>> existing, Changes changes) {
        for (var e : desired.entrySet()) {
            String pid = factoryPid + "~" + e.getKey();
            Map<String, Object> current = existing.get(e.getKey());
            if (current == null) {
                store.putFactory(factoryPid, e.getKey(), e.getValue());
                changes.created.add(pid);
            } else if (!same(current, e.getValue())) {
                store.putFactory(factoryPid, e.getKey(), e.getValue());
                changes.updated.add(pid);
            } else {
                changes.unchanged++;
            }
        }
    }

    private void deleteMissing(String factoryPid, Map<String, Map<String, Object>> desired,
                               Map<String, Map<String, Object>> existing, String source, Changes changes) {
        for (var e : existing.entrySet()) {
            if (!desired.containsKey(e.getKey()) && source.equals(e.getValue().get(Pids.SOURCE))) {
                store.deleteFactory(factoryPid, e.getKey());
                changes.deleted.add(factoryPid + "~" + e.getKey());
            }
        }
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

    private static final class Changes {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        int unchanged;
    }
}
