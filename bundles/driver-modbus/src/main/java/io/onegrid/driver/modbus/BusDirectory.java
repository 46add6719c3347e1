package io.onegrid.driver.modbus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The declared RTU buses by name; buses come and go while devices run (configuration changes). */
final class BusDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(BusDirectory.class);

    private final Map<String, RtuBus> buses = new ConcurrentHashMap<>();

    void add(RtuBus bus) {
        RtuBus before = buses.put(bus.name(), bus);
        if (before != null && before != bus) {
            LOG.warn("two Modbus buses are named {}: {} replaces {}; give every bus its own name", bus.name(), bus, before);
        }
    }

    void remove(RtuBus bus) {
        buses.remove(bus.name(), bus);
    }

    /** The bus of that name, or null. */
    RtuBus get(String name) {
        return name == null ? null : buses.get(name);
    }

    List<String> names() {
        return buses.keySet().stream().sorted().toList();
    }

    List<RtuBus> all() {
        return List.copyOf(buses.values());
    }
}
