package io.onegrid.hub.cases;

import java.util.List;
import java.util.Locale;

/**
 * Orders the severity strings gateways send (INFO, MINOR, MAJOR, CRITICAL, as in the device profiles).
 * Unknown strings rank below INFO, so they never hide a known severity.
 */
public final class Severities {
    private static final List<String> ORDER = List.of("INFO", "MINOR", "MAJOR", "CRITICAL");

    private Severities() { }

    /** Upper-cases a wire severity so stored values compare. */
    public static String normalize(String s) {
        return s == null ? "INFO" : s.trim().toUpperCase(Locale.ROOT);
    }

    public static int rank(String s) {
        return ORDER.indexOf(normalize(s));
    }

    public static String max(String a, String b) {
        return rank(b) > rank(a) ? normalize(b) : normalize(a);
    }
}
