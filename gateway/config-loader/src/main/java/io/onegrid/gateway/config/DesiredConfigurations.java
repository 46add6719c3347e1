package io.onegrid.gateway.config;

import java.util.Map;

/**
 * What Configuration Admin should hold for one configuration file: the singleton configurations by PID,
 * the bus factory configurations by bus name ({@link Pids#BUS_FACTORY}) and the device factory
 * configurations by device id ({@link Pids#DEVICE_FACTORY}). Values are String, Integer, Long or String[].
 */
public record DesiredConfigurations(Map<String, Map<String, Object>> singletons,
                                    Map<String, Map<String, Object>> buses,
                                    Map<String, Map<String, Object>> devices) {
    public DesiredConfigurations {
        singletons = Map.copyOf(singletons);
        buses = Map.copyOf(buses);
        devices = Map.copyOf(devices);
    }

    public DesiredConfigurations(Map<String, Map<String, Object>> singletons, Map<String, Map<String, Object>> devices) {
        this(singletons, Map.of(), devices);
    }
}
