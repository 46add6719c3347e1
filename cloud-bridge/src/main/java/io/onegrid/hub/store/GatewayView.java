package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;

/**
 * A gateway as operators see it. {@code state} is {@code online}, {@code offline} (will message or
 * disconnect) or {@code missing} (silent beyond the heartbeat timeout). {@code clockSkewMs} is how far the
 * gateway's wall clock was off on the newest message of its current boot (positive: ahead of the hub);
 * {@code clockCorrected} says the hub uses its own estimate of that boot's times. Counters count messages
 * received, duplicates among them, and messages refused before storage.
 */
public record GatewayView(String id, boolean online, String state, Instant stateSince, Instant lastSeen, String bootId,
                          String software, Instant registeredAt, Long clockSkewMs, boolean clockCorrected,
                          String scopePath, long received, long duplicates, long rejected, Long outboxPending,
                          Long outboxDropped, Long uptimeMs, Instant healthAt, List<DeviceView> devices) {

    /**
     * A device declared in the gateway's last birth message; {@code online} is null until a health report.
     * {@code lastValuesJson} maps channel to {value, unit, quality, at} from the newest telemetry.
     */
    public record DeviceView(String gatewayId, String id, String profile, String site, String unit, String area,
                             Boolean online, Instant stateSince, String scopePath, String lastValuesJson,
                             Instant lastValuesAt) { }
}
