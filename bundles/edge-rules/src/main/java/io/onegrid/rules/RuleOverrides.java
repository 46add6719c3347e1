package io.onegrid.rules;

import io.onegrid.api.DeviceRef;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.Severity;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Effective rule parameters: a profile's default rule plus a device instance's overrides, keyed
 * {@code <ruleId>.<param>} in {@link DeviceRef#overrides()}. A bad override is reported as a
 * {@link Problem} and the profile default of that parameter is kept; overrides that together make the
 * rule unusable (a window with only a start) fall back to the whole profile default rule.
 */
public final class RuleOverrides {
    /** The parameters a rule override may set. */
    public static final Set<String> PARAMS = Set.of("enabled", "equals", "above", "below", "hysteresis",
            "minDuration", "ratePerMinute", "inactivity", "window", "windowStart", "windowEnd", "severity",
            "caseType", "message");

    /** One override that could not be used, and why. */
    public record Problem(String key, String value, String reason) {
        @Override
        public String toString() {
            return key + "=" + value + ": " + reason;
        }
    }

    /** The outcome for one rule: its effective spec, whether it is enabled, and what was wrong. */
    public record Resolved(AlarmRuleSpec spec, boolean enabled, List<Problem> problems) {
        public Resolved {
            problems = List.copyOf(problems);
        }
    }

    private RuleOverrides() {
    }

    /** Applies the device's overrides for {@code rule}. Never throws on bad input. */
    public static Resolved resolve(DeviceRef device, AlarmRuleSpec rule) {
        Map<String, String> mine = new TreeMap<>();
        String prefix = rule.id() + ".";
        device.overrides().forEach((k, v) -> {
            if (k.startsWith(prefix)) mine.put(k.substring(prefix.length()), v);
        });
        if (mine.isEmpty()) return new Resolved(rule, true, List.of());

        Builder b = new Builder(rule);
        List<Problem> problems = new ArrayList<>();
        boolean enabled = true;
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String param = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            try {
                if (param.equals("enabled")) {
                    enabled = bool(value);
                } else {
                    apply(b, param, value);
                }
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(prefix + param, e.getValue(), ex.getMessage()));
            }
        }
        AlarmRuleSpec spec = b.build();
        String invalid = invalidity(spec);
        if (invalid != null) {
            problems.add(new Problem(prefix + "*", String.join(",", mine.keySet()),
                    "the overrides together leave the rule unusable (" + invalid + "); using the profile's rule as is"));
            spec = rule;
        }
        return new Resolved(spec, enabled, problems);
    }

    /**
     * Override keys that look like rule parameters but name no rule (nor channel) of the profile: most
     * likely a misspelt rule id. Keys for other consumers (channel settings) are left alone.
     */
    public static List<String> unmatchedKeys(DeviceRef device, DeviceProfile profile, Set<String> ruleIds) {
        List<String> unmatched = new ArrayList<>();
        for (String key : device.overrides().keySet()) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) continue;
            String owner = key.substring(0, dot);
            if (!PARAMS.contains(key.substring(dot + 1))) continue;
            if (ruleIds.stream().anyMatch(id -> key.startsWith(id + "."))) continue;
            if (profile.channel(owner).isPresent()) continue;
            unmatched.add(key);
        }
        unmatched.sort(null);
        return unmatched;
    }

    /** Why a rule spec cannot be evaluated, or null when it can. */
    static String invalidity(AlarmRuleSpec s) {
        if ((s.windowStart() == null) != (s.windowEnd() == null)) return "a window needs both a start and an end";
        if (s.hysteresis() != null && s.hysteresis() < 0) return "hysteresis is negative";
        if (s.kind() == null) return "no rule kind";
        switch (s.kind()) {
            case THRESHOLD:
                if (s.above() == null && s.below() == null) return "a threshold needs above or below";
                return null;
            case RATE:
                return s.ratePerMinute() == null || !(s.ratePerMinute() > 0) ? "a rate rule needs ratePerMinute > 0" : null;
            case INACTIVITY:
                return s.inactivity() == null || s.inactivity().isZero() || s.inactivity().isNegative()
                        ? "an inactivity rule needs a positive inactivity" : null;
            case STATE:
            case TAMPER:
                return s.channel() == null ? "no channel" : null;
            default:
                return null;
        }
    }

    private static void apply(Builder b, String param, String value) {
        switch (param) {
            case "equals" -> b.equals = typedLike(b.equals, value);
            case "above" -> b.above = number(value);
            case "below" -> b.below = number(value);
            case "hysteresis" -> b.hysteresis = nonNegative(number(value));
            case "ratePerMinute" -> b.ratePerMinute = positive(number(value));
            case "minDuration" -> b.minDuration = Durations.parse(value);
            case "inactivity" -> b.inactivity = positive(Durations.parse(value));
            case "window" -> {
                if (value.equalsIgnoreCase("all-day")) {
                    b.windowStart = null;
                    b.windowEnd = null;
                } else {
                    DailyWindow w = DailyWindow.parse(value);
                    b.windowStart = w.start();
                    b.windowEnd = w.end();
                }
            }
            case "windowStart" -> b.windowStart = time(value);
            case "windowEnd" -> b.windowEnd = time(value);
            case "severity" -> b.severity = severity(value);
            case "caseType" -> b.caseType = nonBlank(value);
            case "message" -> b.message = nonBlank(value);
            default -> throw new IllegalArgumentException("unknown rule parameter '" + param + "'; known: "
                    + String.join(", ", new TreeSet<>(PARAMS)));
        }
    }

    /** Parses an override for {@code equals} as the same type as the profile's value. */
    private static Object typedLike(Object current, String value) {
        if (current instanceof Boolean) return bool(value);
        if (current instanceof Number) return number(value);
        if (current == null) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
            try {
                return Double.valueOf(value);
            } catch (NumberFormatException e) {
                return nonBlank(value);
            }
        }
        return nonBlank(value);
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("expected true or false");
    }

    private static double number(String value) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // falls through to the sentence below
        }
        throw new IllegalArgumentException("expected a number");
    }

    private static double nonNegative(double d) {
        if (d < 0) throw new IllegalArgumentException("must not be negative");
        return d;
    }

    private static double positive(double d) {
        if (!(d > 0)) throw new IllegalArgumentException("must be greater than zero");
        return d;
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("must be longer than zero");
        return d;
    }

    private static LocalTime time(String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a time of day like 08:00");
        }
    }

    private static Severity severity(String value) {
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected one of INFO, MINOR, MAJOR, CRITICAL");
        }
    }

    private static String nonBlank(String value) {
        if (value.isBlank()) throw new IllegalArgumentException("must not be empty");
        return value;
    }

    /** Mutable copy of a spec's overridable fields. */
    private static final class Builder {
        private final AlarmRuleSpec base;
        Object equals;
        Double above;
        Double below;
        Double hysteresis;
        Duration minDuration;
        Double ratePerMinute;
        Duration inactivity;
        LocalTime windowStart;
        LocalTime windowEnd;
        Severity severity;
        String caseType;
        String message;

        Builder(AlarmRuleSpec s) {
            base = s;
            equals = s.equals();
            above = s.above();
            below = s.below();
            hysteresis = s.hysteresis();
            minDuration = s.minDuration();
            ratePerMinute = s.ratePerMinute();
            inactivity = s.inactivity();
            windowStart = s.windowStart();
            windowEnd = s.windowEnd();
            severity = s.severity();
            caseType = s.caseType();
            message = s.message();
        }

        AlarmRuleSpec build() {
            return new AlarmRuleSpec(base.id(), base.kind(), base.channel(), equals, above, below, hysteresis,
                    minDuration, ratePerMinute, inactivity, windowStart, windowEnd, severity, caseType, message,
                    base.actions());
        }
    }
}
