package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;

/** A gateway as operators see it. {@code lastSeen}, {@code bootId} and {@code software} may be null. */
public record GatewayView(String id, boolean online, Instant lastSeen, String bootId, String software,
                          Instant registeredAt, List<DeviceView> devices) {

    /** A device declared in the gateway's last birth message; {@code online} is null until a health report. */
    public record DeviceView(String id, String profile, String site, String unit, String area, Boolean online) { }
}
