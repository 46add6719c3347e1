package io.onegrid.gateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A Configuration Admin stand-in for unit tests: PID to properties, plus a log of every write. */
final class InMemoryConfigStore implements ConfigStore {
    final Map<String, Map<String, Object>> configs = new ConcurrentHashMap<>();
    final List<String> writes = new ArrayList<>();

    @Override
    public Optional<Map<String, Object>> get(String pid) {
        return Optional.ofNullable(configs.get(pid)).map(HashMap::new);
    }

    @Override
    public synchronized void put(String pid, Map<String, Object> properties) {
        configs.put(pid, new HashMap<>(properties));
        writes.add("put " + pid);
    }

    @Override
    public synchronized void delete(String pid) {
        configs.remove(pid);
        writes.add("delete " + pid);
    }

    @Override
    public Map<String, Map<String, Object>> factoryEntries(String factoryPid) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        configs.forEach((pid, props) -> {
            if (pid.startsWith(factoryPid + "~")) out.put(pid.substring(factoryPid.length() + 1), new HashMap<>(props));
        });
        return out;
    }

    @Override
    public synchronized void putFactory(String factoryPid, String name, Map<String, Object> properties) {
        put(factoryPid + "~" + name, properties);
    }

    @Override
    public synchronized void deleteFactory(String factoryPid, String name) {
        delete(factoryPid + "~" + name);
    }

    Map<String, Object> device(String id) {
        return configs.get(Pids.DEVICE_FACTORY + "~" + id);
    }
}
