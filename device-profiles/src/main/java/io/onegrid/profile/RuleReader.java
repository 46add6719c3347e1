package io.onegrid.profile;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry of {@code alarms:} and checks it against the profile's channels. */
final class RuleReader {
    private final Map<String, ChannelSpec> channels;
    private final Problems problems;

    RuleReader(Map<String, ChannelSpec> channels, Problems problems) {
        this.channels = channels;
        this.problems = problems;
    }

    /** The rule with its line, or null when it could not be read. */
    Located<AlarmRuleSpec> read(Node node, int index) {
        int before = problems.size();
        String peeked = Ids.peek(node);
        String where = peeked != null ? "rule '" + peeked + "'" : "rule " + (index + 1);
        YamlMap m = YamlMap.of(node, where, Keys.RULE, problems);
        if (m == null) return null;
        String id = Ids.check(m, "id", m.string("id", true, Ids.HINT));
        RuleKind kind = m.choice("kind", Names.RULE_KINDS, true, null);
        if (kind != null) checkKeysOfKind(m, kind);
        String channel = m.string("channel", false, "a channel id");
        Object equals = null;
        if (m.has("equals")) {
            Optional<Object> v = Scalars.value(m.value("equals"));
            if (v.isEmpty()) m.wrong("equals", m.value("equals"), "a single value (true, false, a number or text)");
            equals = v.orElse(null);
        }
        Double above = m.number("above", false, "a number (raise when the value goes above it)");
        Double below = m.number("below", false, "a number (raise when the value goes below it)");
        Double hysteresis = m.number("hysteresis", false, "a number, 0 or more");
        Duration minDuration = m.duration("minDuration", false, false);
        Double rate = m.number("ratePerMinute", false, "a number (absolute change per minute that raises)");
        Duration inactivity = m.duration("inactivity", false, true);
        LocalTime[] window = m.window("window", false);
        Severity severity = m.choice("severity", Names.SEVERITIES, true, null);
        String caseType = m.string("caseType", true, Ids.CASE_TYPE_HINT);
        if (caseType != null && !Ids.CASE_TYPE.matcher(caseType).matches()) {
            m.problems().add(m.value("caseType"), "'caseType' in " + where + " must be " + Ids.CASE_TYPE_HINT + ", got '" + caseType + "'");
        }
        String message = m.string("message", false, "text shown to operators");
        List<LocalAction> actions = actions(m);
        if (id == null || kind == null) return null;
        AlarmRuleSpec rule = new AlarmRuleSpec(id, kind, channel, equals, above, below, hysteresis, minDuration, rate,
                inactivity, window == null ? null : window[0], window == null ? null : window[1], severity, caseType,
                message, actions);
        if (problems.size() == before) {
            for (RuleChecks.Finding f : RuleChecks.check(rule, channels)) {
                problems.add(f.key() != null && m.has(f.key()) ? m.keyNode(f.key()) : m.node(), f.message());
            }
        }
        return new Located<>(rule, m.line());
    }

    private void checkKeysOfKind(YamlMap m, RuleKind kind) {
        List<String> params = Keys.RULE_PARAMS.get(kind);
        for (String key : m.keys()) {
            if (Keys.RULE_COMMON.contains(key) || params.contains(key)) continue;
            List<String> owners = Keys.kindsUsing(key);
            problems.add(m.keyNode(key), "'" + key + "' does not apply to a " + Names.yaml(kind) + " rule ("
                    + m.where() + ")" + (owners.isEmpty() ? "" : "; it belongs to " + String.join(", ", owners) + " rules")
                    + ". A " + Names.yaml(kind) + " rule takes: " + String.join(", ", params));
        }
    }

    private List<LocalAction> actions(YamlMap m) {
        List<Node> nodes = m.list("actions", "a list of actions such as [{channel: siren, value: true}]");
        List<LocalAction> out = new ArrayList<>();
        if (nodes == null) return out;
        for (int i = 0; i < nodes.size(); i++) {
            YamlMap a = YamlMap.of(nodes.get(i), "action " + (i + 1) + " of " + m.where(), Keys.ACTION, problems);
            if (a == null) continue;
            String device = Ids.check(a, "device", a.string("device", false, "a device id"));
            String channel = a.string("channel", true, "the id of the output channel to write");
            Object value = null;
            if (!a.has("value")) {
                a.missing("value", "the value to write, such as true");
            } else {
                Optional<Object> v = Scalars.value(a.value("value"));
                if (v.isEmpty()) a.wrong("value", a.value("value"), "a single value (true, false, a number or text)");
                value = v.orElse(null);
            }
            if (channel != null && value != null) out.add(new LocalAction(device, channel, value));
        }
        return out;
    }
}
