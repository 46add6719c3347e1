package io.onegrid.poller;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.ReportSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which readings are worth sending to the hub. Per device and channel, a reading is reported
 * when it is the first one, when its quality changed (GOOD to BAD and back), when a number moved more
 * than the channel's deadband since the last report (0 or none: any change), when a boolean or string
 * changed, or when the channel has not been reported for a heartbeat. Time is the injected clock's
 * monotonic time, so a wrong wall clock cannot silence or flood reports.
 */
public final class ReportPolicy {
    private record Last(Object value, Quality quality, long monoMs) { }

    private final Function<String, Optional<ReportSpec>> specs;
    private final GatewayClock clock;
    private final Duration defaultHeartbeat;
    private final Map<String, Map<String, Last>> last = new HashMap<>(); // device -> channel -> last report

    /**
     * @param specs            report spec of a device's profile, by device id (empty: defaults)
     * @param defaultHeartbeat used when a profile gives no heartbeat
     */
    public ReportPolicy(Function<String, Optional<ReportSpec>> specs, GatewayClock clock, Duration defaultHeartbeat) {
        this.specs = specs;
        this.clock = clock;
        this.defaultHeartbeat = defaultHeartbeat;
    }

    /** The readings of {@code batch} to report, remembering them as reported. */
    public synchronized List<Reading> select(List<Reading> batch) {
        long now = clock.monoMs();
        List<Reading> report = new ArrayList<>();
        Map<String, Optional<ReportSpec>> specOfDevice = new HashMap<>();
        for (Reading reading : batch) {
            ReportSpec spec = specOfDevice.computeIfAbsent(reading.deviceId(), specs).orElse(null);
            Map<String, Last> channels = last.computeIfAbsent(reading.deviceId(), d -> new HashMap<>());
            Last previous = channels.get(reading.channel());
            if (previous == null || due(previous, reading, spec, now)) {
                channels.put(reading.channel(), new Last(reading.value(), reading.quality(), now));
                report.add(reading);
            }
        }
        return report;
    }

    /** Forgets a device (removed from the gateway), so its state does not linger. */
    public synchronized void forget(String deviceId) {
        last.remove(deviceId);
    }

    /** Devices with remembered state. */
    public synchronized java.util.Set<String> devices() {
        return java.util.Set.copyOf(last.keySet());
    }

    private boolean due(Last previous, Reading reading, ReportSpec spec, long now) {
        if (previous.quality() != reading.quality()) {
            return true;
        }
        Duration heartbeat = spec != null && spec.heartbeat() != null && !spec.heartbeat().isZero()
                && !spec.heartbeat().isNegative() ? spec.heartbeat() : defaultHeartbeat;
        if (now - previous.monoMs() >= heartbeat.toMillis()) {
            return true;
        }
        Object before = previous.value();
        Object value = reading.value();
        if (value instanceof Double number && before instanceof Double old) {
            Double band = spec == null ? null : spec.deadband().get(reading.channel());
            double deadband = band == null || band < 0 ? 0 : band;
            return Math.abs(number - old) > deadband || (deadband == 0 && !number.equals(old));
        }
        return !Objects.equals(before, value);
    }
}
