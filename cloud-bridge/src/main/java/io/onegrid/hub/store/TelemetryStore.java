package io.onegrid.hub.store;

import java.util.List;

/** The readings the hub kept (until telemetry retention prunes them), for charts around an alarm. */
public interface TelemetryStore {
    /** At most this many readings in one answer. */
    int MAX_READINGS = 5000;

    /** One kept reading: the gateway's wall time of it, and its value (number, boolean or text; null when bad). */
    record StoredReading(long wallMs, Object value, String unit, String quality) { }

    /**
     * A channel's readings with gateway wall time in [fromWallMs, toWallMs), oldest first, at most {@code limit}
     * (capped at {@link #MAX_READINGS}). Times are the gateway's clock: the same frame as an alarm's
     * {@code raisedAt.wall}, so a chart around an alarm lines up even when that clock is off.
     */
    List<StoredReading> readings(String gatewayId, String deviceId, String channel, long fromWallMs, long toWallMs, int limit);
}
