package io.onegrid.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link ConfigStore} over the real Configuration Admin. Every configuration is created with location "?"
 * (multi-location): created by this bundle but delivered to whichever bundle's component asks for the PID.
 * Device configurations are named factory configurations, PID "io.onegrid.device~&lt;device id&gt;".
 */
final class ConfigAdminStore implements ConfigStore {
    private static final String ANY_BUNDLE = "?";
    private static final Set<String> FRAMEWORK_KEYS = Set.of(Constants.SERVICE_PID,
            ConfigurationAdmin.SERVICE_FACTORYPID, ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final ConfigurationAdmin admin;

    ConfigAdminStore(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Optional<Map<String, Object>> get(String pid) {
        Configuration[] found = list("(" + Constants.SERVICE_PID + "=" + pid + ")");
        if (found.length == 0 || found[0].getProperties() == null) return Optional.empty();
        return Optional.of(toMap(found[0].getProperties()));
    }

    @Override
    public void put(String pid, Map<String, Object> properties) {
        try {
            admin.getConfiguration(pid, ANY_BUNDLE).update(toDictionary(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store configuration " + pid, e);
        }
    }

    @Override
    public void delete(String pid) {
        for (Configuration c : list("(" + Constants.SERVICE_PID + "=" + pid + ")")) {
            try {
                c.delete();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete configuration " + pid, e);
            }
        }
    }

    @Override
    public Map<String, Map<String, Object>> factoryEntries(String factoryPid) {
        Map<String, Map<String, Object>> result = new HashMap<>();
        for (Configuration c : list("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + factoryPid + ")")) {
            if (c.getProperties() == null) continue;
            String pid = c.getPid();
            int tilde = pid.indexOf('~');
            result.put(tilde >= 0 ? pid.substring(tilde + 1) : pid, toMap(c.getProperties()));
        }
        return result;
    }

    @Override
    public void putFactory(String factoryPid, String name, Map<String, Object> properties) {
        try {
            admin.getFactoryConfiguration(factoryPid, name, ANY_BUNDLE).update(toDictionary(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store configuration " + factoryPid + "~" + name, e);
        }
    }

    @Override
    public void deleteFactory(String factoryPid, String name) {
        delete(factoryPid + "~" + name);
    }

    private Configuration[] list(String filter) {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list configurations " + filter, e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad configuration filter " + filter, e);
        }
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> dict) {
        Map<String, Object> map = new HashMap<>();
        for (String key : Collections.list(dict.keys())) {
            if (!FRAMEWORK_KEYS.contains(key)) map.put(key, dict.get(key));
        }
        return map;
    }

    private static Dictionary<String, Object> toDictionary(Map<String, Object> map) {
        return new Hashtable<>(map);
    }
}
