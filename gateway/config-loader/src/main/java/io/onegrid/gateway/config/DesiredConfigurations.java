package io.onegrid.gateway.config;

import java.util.Map;

/**
 * What Configuration Admin should hold for one configuration file: the singleton configurations by PID
 * and the device factory configurations by device id. Values are String, Integer, Long or String[].
 */
public record DesiredConfigurations(Map<String, Map<String, Object>> singletons,
                                    Map<String, Map<String, Object>> devices) {
    public DesiredConfigurations {
        singletons = Map.copyOf(singletons);
        devices = Map.copyOf(devices);
    }
}
