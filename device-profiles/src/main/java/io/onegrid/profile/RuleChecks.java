package io.onegrid.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What makes a rule meaningful beyond its syntax: the parameters its kind needs, a channel of the right
 * type, and actions that can actually be written. Used by the loader and again after per-device overrides.
 */
final class RuleChecks {
    private RuleChecks() { }

    /** One problem and the rule key it is about (null: the rule as a whole), so the loader can point at its line. */
    record Finding(String key, String message) { }

    /** Problems of {@code rule} against the profile's channels (by id); empty when it is usable. */
    static List<Finding> check(AlarmRuleSpec rule, Map<String, ChannelSpec> channels) {
        List<Finding> out = new ArrayList<>();
        String name = Names.yaml(rule.kind()) + " rule '" + rule.id() + "'";
        ChannelSpec channel = channel(rule, name, channels, out);
        DataType type = channel == null ? null : channel.type();
        switch (rule.kind()) {
            case STATE -> {
                if (rule.equals() == null) {
                    out.add(new Finding(null, name + " has no 'equals'; it needs the value that means alarm (e.g. equals: true)"));
                } else {
                    checkValue(out, "equals", name + ": 'equals'", rule.equals(), channel);
                }
            }
            case TAMPER -> {
                if (rule.equals() != null) {
                    checkValue(out, "equals", name + ": 'equals'", rule.equals(), channel);
                } else if (type != null && type != DataType.BOOL) {
                    out.add(new Finding("channel", name + " has no 'equals' and its channel is " + Names.yaml(type)
                            + "; only a bool channel may leave it out (alarm when true)"));
                }
            }
            case THRESHOLD -> threshold(rule, name, out);
            case RATE -> {
                if (rule.ratePerMinute() == null) {
                    out.add(new Finding(null, name + " has no 'ratePerMinute'; it needs the change per minute that raises"));
                } else if (rule.ratePerMinute() <= 0) {
                    out.add(new Finding("ratePerMinute", name + ": 'ratePerMinute' must be more than 0, got " + rule.ratePerMinute()));
                }
            }
            case INACTIVITY -> {
                if (rule.inactivity() == null) {
                    out.add(new Finding(null, name + " has no 'inactivity'; it needs how long without activity raises, such as 12h"));
                }
                if ((rule.windowStart() == null) != (rule.windowEnd() == null)) {
                    out.add(new Finding("window", name + " has half a window; give both ends"));
                }
            }
            case COMM_FAULT -> { }
            default -> throw new IllegalStateException("unhandled rule kind " + rule.kind());
        }
        if ((rule.kind() == RuleKind.THRESHOLD || rule.kind() == RuleKind.RATE) && type != null && !ChannelReader.isNumeric(type)) {
            out.add(new Finding("channel", name + " needs a numeric channel, but '" + channel.id() + "' is " + Names.yaml(type)));
        }
        if (rule.minDuration() != null && rule.minDuration().isNegative()) {
            out.add(new Finding("minDuration", name + ": 'minDuration' must not be negative"));
        }
        actions(rule, name, channels, out);
        placeholders(rule, name, out);
        return out;
    }

    /** A placeholder that no parameter of the rule's kind fills would reach operators as "{abov}": a typo. */
    private static void placeholders(AlarmRuleSpec rule, String name, List<Finding> out) {
        if (rule.message() == null) return;
        List<String> usable = AlarmRuleSpec.PLACEHOLDERS.stream().filter(Keys.RULE_PARAMS.get(rule.kind())::contains).toList();
        java.util.regex.Matcher m = AlarmRuleSpec.PLACEHOLDER.matcher(rule.message());
        while (m.find()) {
            String p = m.group(1);
            if (usable.contains(p)) continue;
            String hint = usable.isEmpty() ? "; a " + Names.yaml(rule.kind()) + " rule has no parameters to show, so write the text out"
                    : AlarmRuleSpec.PLACEHOLDERS.contains(p) ? "; {" + p + "} belongs to " + String.join(", ", Keys.kindsUsing(p))
                    + " rules. A " + Names.yaml(rule.kind()) + " rule's message can use: {" + String.join("}, {", usable) + "}"
                    : YamlMap.didYouMean(p, usable, "placeholders of a " + Names.yaml(rule.kind()) + " rule");
            out.add(new Finding("message", name + ": the message names {" + p + "}, which no parameter of the rule fills" + hint));
        }
    }

    private static ChannelSpec channel(AlarmRuleSpec rule, String name, Map<String, ChannelSpec> channels, List<Finding> out) {
        boolean needsChannel = Keys.RULE_PARAMS.get(rule.kind()).contains("channel");
        if (needsChannel && rule.channel() == null) {
            out.add(new Finding(null, name + " has no 'channel'; it needs the id of the channel it watches"));
            return null;
        }
        if (rule.channel() == null) return null;
        ChannelSpec channel = channels.get(rule.channel());
        if (channel == null) {
            out.add(new Finding("channel", name + " refers to unknown channel '" + rule.channel() + "'"
                    + YamlMap.didYouMean(rule.channel(), channels.keySet(), "channels of this profile")));
        } else if (channel.access() == Access.WRITE) {
            out.add(new Finding("channel", name + " watches channel '" + channel.id()
                    + "', which is write-only; rules need a readable channel"));
        }
        return channel;
    }

    private static void threshold(AlarmRuleSpec rule, String name, List<Finding> out) {
        if (rule.above() == null && rule.below() == null) {
            out.add(new Finding(null, name + " has neither 'above' nor 'below'; give at least one limit"
                    + " (raise when the value goes above / below it)"));
        }
        if (rule.above() != null && rule.below() != null && rule.below() >= rule.above()) {
            out.add(new Finding("below", name + " has both limits, so it raises outside the band between them: 'below' ("
                    + rule.below() + ") must be less than 'above' (" + rule.above() + ")"));
        }
        if (rule.hysteresis() != null && rule.hysteresis() < 0) {
            out.add(new Finding("hysteresis", name + ": 'hysteresis' must be 0 or more, got " + rule.hysteresis()));
        }
    }

    private static void actions(AlarmRuleSpec rule, String name, Map<String, ChannelSpec> channels, List<Finding> out) {
        for (LocalAction a : rule.actions()) {
            if (a.device() != null) continue; // another device's channel: checked where devices are wired together
            ChannelSpec target = channels.get(a.channel());
            if (target == null) {
                out.add(new Finding("actions", name + " has an action on unknown channel '" + a.channel() + "'"
                        + YamlMap.didYouMean(a.channel(), channels.keySet(), "channels of this profile")));
            } else if (target.access() != null && !target.access().writable()) {
                out.add(new Finding("actions", name + " has an action on channel '" + a.channel()
                        + "', which is read-only; actions write to channels with access write or read-write"));
            } else {
                checkValue(out, "actions", name + ": action value for '" + a.channel() + "'", a.value(), target);
            }
        }
    }

    private static void checkValue(List<Finding> out, String key, String what, Object value, ChannelSpec channel) {
        if (channel == null || channel.type() == null || value == null) return;
        DataType type = channel.type();
        boolean ok = switch (type) {
            case BOOL -> value instanceof Boolean;
            case STRING -> value instanceof String;
            default -> value instanceof Double;
        };
        if (!ok) {
            String expected = type == DataType.BOOL ? "true or false" : type == DataType.STRING ? "text" : "a number";
            out.add(new Finding(key, what + " must be " + expected + " because channel '" + channel.id() + "' is "
                    + Names.yaml(type) + ", got " + (value instanceof String ? "'" + value + "'" : String.valueOf(value))));
        }
    }
}
