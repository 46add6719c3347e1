package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;

/**
 * A gateway as operators see it. {@code lastSeen}, {@code bootId} and {@code software} may be null.
 * {@code clockSkewMs} is how far the gateway's wall clock was off on the newest message of its current boot
 * (positive: ahead of the hub; null before any message of that boot); {@code clockCorrected} says the hub
 * uses its own estimate of that boot's times because the skew exceeds the tolerance.
 */
public record GatewayView(String id, boolean online, Instant lastSeen, String bootId, String software,
                          Instant registeredAt, Long clockSkewMs, boolean clockCorrected, List<DeviceView> devices) {

    /** A device declared in the gateway's last birth message; {@code online} is null until a health report. */
    public record DeviceView(String id, String profile, String site, String unit, String area, Boolean online) { }
}
