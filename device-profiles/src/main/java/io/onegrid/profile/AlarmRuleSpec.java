package io.onegrid.profile;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * A default alarm rule of a profile; device instances may override its parameters. Fields unused by a
 * {@link RuleKind} are null. Rules are data: the edge-rules bundle interprets them.
 *
 * @param equals        STATE/TAMPER: the value that means "alarm" (Boolean, Double or String)
 * @param above         THRESHOLD: raise when the value is above this
 * @param below         THRESHOLD: raise when the value is below this
 * @param hysteresis    THRESHOLD: how far back past the limit the value must go to clear
 * @param minDuration   THRESHOLD/STATE: how long the condition must hold before raising (null = at once)
 * @param ratePerMinute RATE: absolute change per minute that raises
 * @param inactivity    INACTIVITY: how long without activity raises
 * @param windowStart   INACTIVITY: daily window start (local time), null = all day
 * @param windowEnd     INACTIVITY: daily window end
 */
public record AlarmRuleSpec(String id, RuleKind kind, String channel, Object equals, Double above, Double below,
                            Double hysteresis, Duration minDuration, Double ratePerMinute, Duration inactivity,
                            LocalTime windowStart, LocalTime windowEnd, Severity severity, String caseType,
                            String message, List<LocalAction> actions) {
    /** The parameters a message may name as {@code {name}}, filled in by {@link #title()}. */
    public static final java.util.List<String> PLACEHOLDERS = java.util.List.of("below", "above", "equals", "hysteresis",
            "ratePerMinute", "minDuration", "inactivity");
    /** How a placeholder is written in a message. */
    static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{(\\w+)}");

    public AlarmRuleSpec {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /**
     * The alarm's title: {@code message} with the rule's own parameters filled in ({@code {below}}, {@code {above}},
     * {@code {equals}}, {@code {hysteresis}}, {@code {ratePerMinute}}, {@code {minDuration}}, {@code {inactivity}}),
     * so a device whose instance overrides a threshold says its own threshold, not the profile's. The rule's id when
     * there is no message; a placeholder the rule has no value for stays as written.
     */
    public String title() {
        if (message == null || message.isBlank()) return id;
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("below", below);
        values.put("above", above);
        values.put("equals", equals);
        values.put("hysteresis", hysteresis);
        values.put("ratePerMinute", ratePerMinute);
        values.put("minDuration", minDuration == null ? null : Durations.format(minDuration));
        values.put("inactivity", inactivity == null ? null : Durations.format(inactivity));
        java.util.regex.Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null ? m.group() : number(v)));
        }
        return m.appendTail(out).toString();
    }

    /** 0.4 rather than 0.40000001 or 4.0E-1; whole numbers without ".0". */
    private static String number(Object v) {
        if (v instanceof Double d) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
