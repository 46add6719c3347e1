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

    /** The known severities, lowest first. */
    public static List<String> names() {
        return ORDER;
    }

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

    /** One step up (a second independent source confirms the alarm); CRITICAL stays CRITICAL. */
    public static String stepUp(String s) {
        int r = rank(s);
        return r < 0 ? "MINOR" : ORDER.get(Math.min(r + 1, ORDER.size() - 1));
    }
}
