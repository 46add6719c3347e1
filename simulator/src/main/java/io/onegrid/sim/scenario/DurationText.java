package io.onegrid.sim.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the short durations of scenario files: "10s", "2m", "1h30m", "250ms", "1.5s", "PT10S"; a bare number is seconds. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private DurationText() { }

    /** @throws IllegalArgumentException with a sentence saying what is accepted */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.matches("\\d+(\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(t));
        }
        if (t.startsWith("PT") || t.startsWith("pt")) {
            try {
                return Duration.parse(t.toUpperCase());
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(text);
            }
            double amount = Double.parseDouble(m.group(1));
            switch (m.group(2)) {
                case "ms": total = total.plus(Duration.ofNanos(Math.round(amount * 1_000_000))); break;
                case "s": total = total.plus(ofSeconds(amount)); break;
                case "m": total = total.plus(ofSeconds(amount * 60)); break;
                default: total = total.plus(ofSeconds(amount * 3600)); break;
            }
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw invalid(text);
        }
        return total;
    }

    /** Formats like "10s", "150s", "1.5s" or "250ms": seconds, as the timeline prints them. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 10s, 2m, 1h30m, 250ms)");
    }
}
