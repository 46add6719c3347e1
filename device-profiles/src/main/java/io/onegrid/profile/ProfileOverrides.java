package io.onegrid.profile;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Strict check of a device instance's overrides against its profile, for tools that validate
 * configuration before it is deployed (installer CLI, hub). Keys are {@code "<rule-id>.<param>"}
 * ({@code low-pressure.below=0.2}, {@code no-activity.inactivity=8h}, {@code no-activity.window=07:00-22:00},
 * {@code smoke.enabled=false}); the result is checked like a loaded profile, and every bad key or value is
 * reported. Keys that start with a channel id belong to other consumers and are left alone.
 *
 * <p>The one interpreter of overrides: the gateway's configuration loader refuses a file whose overrides it
 * rejects (file:line), and the edge rules compute each device's rules with it at run time. Overrides address
 * {@link DeviceProfile#rulesRun()}, the implicit comm-fault rule included. Durations are in the one syntax of
 * {@link Durations} (ISO-8601 {@code PT13H} is refused), severities in any case, {@code window=all-day}.
 */
public final class ProfileOverrides {
    private ProfileOverrides() { }

    /** Same as {@link #apply(DeviceProfile, Map, String)} with problems attributed to "overrides". */
    public static DeviceProfile apply(DeviceProfile profile, Map<String, String> overrides) {
        return apply(profile, overrides, "overrides");
    }

    /**
     * The profile with its rules overridden; the profile itself when {@code overrides} is empty.
     *
     * @param source names the configuration the overrides came from (e.g. "device flat302-door"), for problems
     * @throws ProfileException listing every bad key or value (line 0: overrides are not in a file of ours)
     */
    public static DeviceProfile apply(DeviceProfile declared, Map<String, String> overrides, String source) {
        if (overrides == null || overrides.isEmpty()) return declared;
        // overrides address the rules a device runs, the implicit comm-fault rule included
        DeviceProfile profile = declared.withRulesRun();
        List<ProfileException> problems = new ArrayList<>();
        Map<String, Map<String, String>> byRule = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
            String key = e.getKey().trim();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                problems.add(new ProfileException(source, 0, "override '" + key + "' must be written <rule-id>.<parameter>,"
                        + " such as low-pressure.below"));
                continue;
            }
            String ruleId = key.substring(0, dot);
            if (profile.alarm(ruleId).isEmpty() && profile.channel(ruleId).isPresent()) continue; // a channel setting
            if (profile.alarm(ruleId).isEmpty()) {
                problems.add(new ProfileException(source, 0, "override '" + key + "' names unknown rule '" + ruleId
                        + "' of profile " + profile.id() + YamlMap.didYouMean(ruleId,
                        profile.alarms().stream().map(AlarmRuleSpec::id).toList(), "rules")));
                continue;
            }
            byRule.computeIfAbsent(ruleId, k -> new LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
        }
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        for (ChannelSpec c : profile.channels()) channels.put(c.id(), c);
        List<AlarmRuleSpec> rules = new ArrayList<>();
        for (AlarmRuleSpec rule : profile.alarms()) {
            Map<String, String> params = byRule.get(rule.id());
            if (params == null) {
                rules.add(rule);
                continue;
            }
            Optional<AlarmRuleSpec> changed = override(rule, params, source, problems);
            if (changed.isEmpty()) continue; // disabled, or broken (already reported)
            for (RuleChecks.Finding f : RuleChecks.check(changed.get(), channels)) {
                problems.add(new ProfileException(source, 0, "after overrides, " + f.message()));
            }
            rules.add(changed.get());
        }
        if (!problems.isEmpty()) throw new ProfileException(problems);
        return new DeviceProfile(profile.id(), profile.name(), profile.category(), profile.manufacturer(),
                profile.protocol(), profile.pollInterval(), profile.timeout(), profile.report(), profile.channels(),
                rules, profile.source());
    }

    /** The overridden rule; empty when it is disabled or an override could not be read. */
    private static Optional<AlarmRuleSpec> override(AlarmRuleSpec r, Map<String, String> params, String source,
                                                    List<ProfileException> problems) {
        int before = problems.size();
        Object equals = r.equals();
        Double above = r.above();
        Double below = r.below();
        Double hysteresis = r.hysteresis();
        Duration minDuration = r.minDuration();
        Double rate = r.ratePerMinute();
        Duration inactivity = r.inactivity();
        LocalTime windowStart = r.windowStart();
        LocalTime windowEnd = r.windowEnd();
        Severity severity = r.severity();
        String caseType = r.caseType();
        String message = r.message();
        boolean enabled = true;
        List<String> applicable = new ArrayList<>(Keys.RULE_PARAMS.get(r.kind()));
        applicable.addAll(List.of("enabled", "severity", "caseType", "message"));
        if (r.kind() == RuleKind.INACTIVITY) applicable.addAll(List.of("windowStart", "windowEnd"));
        applicable.remove("channel");
        for (Map.Entry<String, String> p : params.entrySet()) {
            String param = p.getKey();
            String raw = p.getValue() == null ? "" : p.getValue().trim();
            String key = r.id() + "." + param;
            if (!Keys.OVERRIDABLE.contains(param) || !applicable.contains(param)) {
                problems.add(new ProfileException(source, 0, "override '" + key + "': a " + Names.yaml(r.kind())
                        + " rule has no parameter '" + param + "'" + YamlMap.didYouMean(param, applicable, "overridable parameters")));
                continue;
            }
            String bad = null;
            switch (param) {
                case "enabled" -> {
                    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) enabled = Boolean.parseBoolean(raw);
                    else bad = "true or false";
                }
                case "equals" -> equals = Scalars.value(raw);
                case "above" -> { above = number(raw); bad = above == null ? "a number" : null; }
                case "below" -> { below = number(raw); bad = below == null ? "a number" : null; }
                case "hysteresis" -> { hysteresis = number(raw); bad = hysteresis == null ? "a number" : null; }
                case "ratePerMinute" -> { rate = number(raw); bad = rate == null ? "a number" : null; }
                case "minDuration" -> {
                    minDuration = Durations.parse(raw).orElse(null);
                    bad = minDuration == null ? Durations.DURATION_HINT : null;
                }
                case "inactivity" -> {
                    inactivity = Durations.parse(raw).filter(d -> !d.isZero()).orElse(null);
                    bad = inactivity == null ? "a positive " + Durations.DURATION_HINT.substring(2) : null;
                }
                case "window" -> {
                    if (raw.isEmpty() || raw.equalsIgnoreCase("all-day")) {
                        windowStart = null;
                        windowEnd = null;
                    } else {
                        Optional<LocalTime[]> w = Durations.parseWindow(raw);
                        bad = w.isEmpty() ? Durations.WINDOW_HINT + " (or all-day)" : null;
                        windowStart = w.map(x -> x[0]).orElse(null);
                        windowEnd = w.map(x -> x[1]).orElse(null);
                    }
                }
                case "windowStart" -> {
                    windowStart = Durations.parseTime(raw).orElse(null);
                    bad = windowStart == null ? "a time HH:MM" : null;
                }
                case "windowEnd" -> {
                    windowEnd = Durations.parseTime(raw).orElse(null);
                    bad = windowEnd == null ? "a time HH:MM" : null;
                }
                case "severity" -> {
                    severity = Names.SEVERITIES.get(raw.toLowerCase(java.util.Locale.ROOT));
                    bad = severity == null ? "one of " + String.join(", ", Names.SEVERITIES.keySet()) : null;
                }
                case "caseType" -> {
                    caseType = raw;
                    bad = Ids.CASE_TYPE.matcher(raw).matches() ? null : Ids.CASE_TYPE_HINT;
                }
                case "message" -> message = raw;
                default -> throw new IllegalStateException("overridable parameter without handler: " + param);
            }
            if (bad != null) {
                problems.add(new ProfileException(source, 0, "override '" + key + "' must be " + bad + ", got '" + raw + "'"));
            }
        }
        if (problems.size() > before || !enabled) return Optional.empty();
        return Optional.of(new AlarmRuleSpec(r.id(), r.kind(), r.channel(), equals, above, below, hysteresis, minDuration,
                rate, inactivity, windowStart, windowEnd, severity, caseType, message, r.actions()));
    }

    private static Double number(String raw) {
        try {
            double d = Double.parseDouble(raw);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
