package io.onegrid.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as installers write them: "30s", "13h", "1h30m", "500ms", "2d", or ISO-8601 "PT13H". */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses a duration; throws IllegalArgumentException with a sentence saying what is wrong. */
    static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("empty duration");
        if (s.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(s.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration", e);
            }
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 13h, 1h30m or 500ms");
            }
            try {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
            }
            at = m.end();
            while (at < s.length() && s.charAt(at) == ' ') at++;
        }
        return total;
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) throw new IllegalArgumentException("'" + text + "' is negative");
        return d;
    }

    /** A compact human form for messages: "13h", "1h30m", "45s", "250ms". */
    static String format(long millis) {
        if (millis < 1000) return millis + "ms";
        long s = millis / 1000;
        StringBuilder b = new StringBuilder();
        if (s >= 86_400) b.append(s / 86_400).append('d');
        if (s % 86_400 >= 3600) b.append(s % 86_400 / 3600).append('h');
        if (s % 3600 >= 60) b.append(s % 3600 / 60).append('m');
        if (s % 60 > 0) b.append(s % 60).append('s');
        return b.toString();
    }
}
