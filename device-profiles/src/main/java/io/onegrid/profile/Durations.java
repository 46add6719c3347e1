package io.onegrid.profile;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile format's value syntax for durations ("250ms", "30s", "5m", "1h", "1h30m", "2d") and daily
 * windows ("22:00-07:00"), shared by the loader, per-device overrides and anyone reading configuration.
 */
public final class Durations {
    /** What a duration looks like, for error messages. */
    public static final String DURATION_HINT = "a duration such as 250ms, 30s, 5m, 1h or 1h30m (units ms, s, m, h, d)";
    /** What a daily window looks like, for error messages. */
    public static final String WINDOW_HINT = "a daily window \"HH:MM-HH:MM\" in 24-hour local time, such as \"22:00-07:00\"";

    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");

    private Durations() { }

    /** Parses "30s"-style text; empty when it is not a duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        if (!WHOLE.matcher(t).matches()) return Optional.empty();
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(total);
    }

    /** The shortest text {@link #parse} turns back into {@code d} (e.g. PT1H30M → "1h30m"). */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder sb = new StringBuilder();
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                sb.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return sb.toString();
    }

    /** Parses "HH:MM"; empty when malformed. */
    public static Optional<LocalTime> parseTime(String text) {
        if (text == null) return Optional.empty();
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) return Optional.empty();
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /** Parses "22:00-07:00" into {start, end}; empty when malformed or when start equals end. */
    public static Optional<LocalTime[]> parseWindow(String text) {
        if (text == null) return Optional.empty();
        String[] parts = text.trim().split("\\s*-\\s*", -1);
        if (parts.length != 2) return Optional.empty();
        Optional<LocalTime> start = parseTime(parts[0]);
        Optional<LocalTime> end = parseTime(parts[1]);
        if (start.isEmpty() || end.isEmpty() || start.get().equals(end.get())) return Optional.empty();
        return Optional.of(new LocalTime[] {start.get(), end.get()});
    }

    /** "22:00-07:00". */
    public static String formatWindow(LocalTime start, LocalTime end) {
        return start + "-" + end;
    }
}
