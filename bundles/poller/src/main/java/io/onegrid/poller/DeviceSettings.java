package io.onegrid.poller;

import io.onegrid.api.Coverage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One device configuration (factory PID io.onegrid.device) after validation. {@code bus} is null when
 * not configured: the poller then derives it from the protocol and address.
 */
public record DeviceSettings(String deviceId, String profileId, String address, String bus, Coverage coverage,
                             Map<String, String> overrides) {
    public DeviceSettings {
        overrides = Map.copyOf(overrides);
    }

    /** Validates raw configuration values; throws IllegalArgumentException with a sentence naming the problem. */
    public static DeviceSettings of(String deviceId, String profile, String address, String bus, String site,
                                    String unit, String area, String residentId, String[] overrides) {
        String id = blankToNull(deviceId);
        if (id == null) {
            throw new IllegalArgumentException("a device configuration has no deviceId");
        }
        String profileId = blankToNull(profile);
        if (profileId == null) {
            throw new IllegalArgumentException("device " + id + " has no profile");
        }
        String where = blankToNull(address);
        if (where == null) {
            throw new IllegalArgumentException("device " + id + " has no address");
        }
        String siteId = blankToNull(site);
        if (siteId == null) {
            throw new IllegalArgumentException("device " + id + " has no site (the building it covers)");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        if (overrides != null) {
            for (String entry : overrides) {
                if (entry == null || entry.isBlank()) continue;
                int eq = entry.indexOf('=');
                String key = eq < 0 ? "" : entry.substring(0, eq).trim();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("device " + id + ": override '" + entry + "' is not key=value");
                }
                if (parsed.put(key, entry.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("device " + id + ": override '" + key + "' is given twice");
                }
            }
        }
        return new DeviceSettings(id, profileId, where, blankToNull(bus),
                new Coverage(siteId, blankToNull(unit), blankToNull(area), blankToNull(residentId)), parsed);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
