package io.onegrid.rules;

import java.time.Duration;

/**
 * Override values use exactly the duration syntax of device profiles ({@link io.onegrid.profile.Durations}),
 * so an installer writes "13h" the same way in a profile and in a per-device override. This adapter only
 * turns "not a duration" into an exception with a sentence for the override error log.
 */
final class Durations {
    private Durations() {
    }

    /** Parses a duration; throws IllegalArgumentException with a sentence saying what is wrong. */
    static Duration parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty duration");
        return io.onegrid.profile.Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not " + io.onegrid.profile.Durations.DURATION_HINT));
    }

    /** A compact human form for messages: "13h", "1h30m", "45s", "250ms". */
    static String format(long millis) {
        return io.onegrid.profile.Durations.format(Duration.ofMillis(millis));
    }
}
