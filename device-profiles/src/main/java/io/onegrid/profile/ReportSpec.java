package io.onegrid.profile;

import java.time.Duration;
import java.util.Map;

/**
 * When readings are reported to the hub: a numeric channel is sent when it moved more than its deadband
 * since the last report, a boolean/string when it changed, and every channel at least once per heartbeat.
 */
public record ReportSpec(Map<String, Double> deadband, Duration heartbeat) {
    public ReportSpec {
        deadband = deadband == null ? Map.of() : Map.copyOf(deadband);
    }
}
