package io.onegrid.profile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one size syntax ("67108864", "512KB", "64MB", "1GB"; 1024-based, KiB/MiB/GiB accepted as the same
 * units, case and a space before the unit ignored, '_' as a digit separator) for every file and flag that
 * bounds bytes: the gateway's configuration file, scenarios, the hub's flags.
 */
public final class Sizes {
    /** What a size looks like, for error messages. */
    public static final String SIZE_HINT = "a size like 67108864, 512KB or 64MB (bytes, or KB, MB, GB: 1024-based)";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KB|MB|GB|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);
    private static final long KB = 1024L;
    private static final long[] FACTORS = {KB * KB * KB, KB * KB, KB};
    private static final String[] UNITS = {"GB", "MB", "KB"};

    private Sizes() { }

    /** The number of bytes {@code text} stands for; empty when it is not a size or does not fit a long. */
    public static Optional<Long> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = SIZE.matcher(text.trim().replace("_", ""));
        if (!m.matches()) return Optional.empty();
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT);
        long factor = switch (unit) {
            case "KB", "KIB" -> KB;
            case "MB", "MIB" -> KB * KB;
            case "GB", "GIB" -> KB * KB * KB;
            default -> 1L;
        };
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(m.group(1)), factor));
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The shortest text {@link #parse} turns back into {@code bytes} (65536 → "64KB", 1000 → "1000"). */
    public static String format(long bytes) {
        if (bytes > 0) {
            for (int i = 0; i < FACTORS.length; i++) {
                if (bytes % FACTORS[i] == 0) return bytes / FACTORS[i] + UNITS[i];
            }
        }
        return Long.toString(bytes);
    }
}
