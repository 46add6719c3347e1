package io.onegrid.api;

import java.util.Map;

/**
 * One device instance as configured on this gateway: its id, the profile it follows, where to reach it
 * ({@code address}: "host:port/unit" for Modbus TCP, "chip/line" or a simulator line name for GPIO), the
 * physical bus it shares (requests on one bus are serialized), what it covers, and per-instance
 * overrides of profile settings (for example an elder's personal inactivity window).
 */
public record DeviceRef(String id, String profileId, String address, String bus, Coverage coverage,
                        Map<String, String> overrides) {
    public DeviceRef {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("device needs an id");
        if (profileId == null || profileId.isBlank()) throw new IllegalArgumentException("device " + id + " needs a profile");
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }
}
