package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;

/**
 * A gateway as operators see it. {@code state} is {@code online}, {@code offline} (will message or
 * disconnect) or {@code missing} (silent beyond the heartbeat timeout). {@code clockSkewMs} is how far the
 * gateway's wall clock was off on the newest message of its current boot (positive: ahead of the hub);
 * {@code clockCorrected} says the hub uses its own estimate of that boot's times. Counters count messages
 * received, duplicates among them, and messages refused before storage. {@code heartbeat} is null until the
 * gateway's first heartbeat. {@code site} is the site it was claimed for (null when registered otherwise).
 */
public record GatewayView(String id, boolean online, String state, Instant stateSince, Instant lastSeen, String bootId,
                          String software, Instant registeredAt, Long clockSkewMs, boolean clockCorrected,
                          String scopePath, long received, long duplicates, long rejected, Heartbeat heartbeat,
                          List<DeviceView> devices, String site) {

    /**
     * The gateway's latest heartbeat, as of {@code at} (hub time when stored). Figures a gateway too old to send
     * them left out are null; {@code clockOffsetMs} is the gateway's wall clock at sending minus {@code at}
     * (positive: ahead; it includes the message's transit, milliseconds on a working link).
     */
    public record Heartbeat(Instant at, Long uptimeMs, Long outboxPending, Long outboxDropped, Long outboxQuarantined,
                            Long outboxQuarantinedBytes, Long outboxQuarantineEvicted, Long outboxOldestAgeMs,
                            Long clockOffsetMs, String clockSync) { }

    /**
     * A device declared in the gateway's last birth message; {@code online} is null until a health report.
     * {@code lastValuesJson} maps channel to {value, unit, quality, at} from the newest telemetry. {@code heartbeat}
     * is what the gateway's latest heartbeat said of it, null until one did after the birth. {@code commissionedAt}
     * is when a commissioning report last found it tested, null if none did.
     */
    public record DeviceView(String gatewayId, String id, String profile, String site, String unit, String area,
                             Boolean online, Instant stateSince, String scopePath, String lastValuesJson,
                             Instant lastValuesAt, DeviceHeartbeat heartbeat, Instant commissionedAt) { }

    /**
     * One device in the gateway's latest heartbeat, as of {@code at}: its communication state ({@code ok},
     * {@code degraded}, {@code down}, {@code unknown}) and how long before that it last gave a reading (null: not
     * in this boot of the gateway, or not said).
     */
    public record DeviceHeartbeat(String commState, Long lastReadingAgeMs, Instant at) { }
}
