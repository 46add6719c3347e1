package io.onegrid.gateway.config;

import java.util.Map;
import java.util.Optional;

/**
 * The few Configuration Admin operations the loader needs, so the sync logic is testable without OSGi.
 * Property maps exclude the framework's own keys (service.pid, service.factoryPid, service.bundleLocation).
 */
public interface ConfigStore {
    /** The properties of a singleton configuration, empty when it does not exist or was never updated. */
    Optional<Map<String, Object>> get(String pid);

    /** Creates or replaces a singleton configuration, bound to no bundle so any component may take it. */
    void put(String pid, Map<String, Object> properties);

    void delete(String pid);

    /** The factory configurations of {@code factoryPid} by name (the part after '~' in their PID). */
    Map<String, Map<String, Object>> factoryEntries(String factoryPid);

    /** Creates or replaces the named factory configuration, bound to no bundle. */
    void putFactory(String factoryPid, String name, Map<String, Object> properties);

    void deleteFactory(String factoryPid, String name);
}
