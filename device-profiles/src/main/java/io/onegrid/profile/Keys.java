package io.onegrid.profile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The keys each block of a profile may hold, in documentation order. The JSON schema
 * (schema/device-profile.schema.json) declares exactly these; a test keeps the two in step.
 */
final class Keys {
    static final List<String> PROFILE = List.of("id", "name", "category", "manufacturer", "protocol", "poll",
            "report", "channels", "alarms");
    static final List<String> POLL = List.of("interval", "timeout");
    static final List<String> REPORT = List.of("heartbeat", "deadband");
    static final List<String> CHANNEL = List.of("id", "description", "unit", "type", "access", "enum", "modbus", "gpio", "coap");
    static final List<String> MODBUS = List.of("table", "address", "wordOrder", "byteOrder", "bit", "scale", "offset", "length");
    static final List<String> GPIO = List.of("direction", "pull", "activeLevel", "debounce");
    static final List<String> COAP = List.of("path", "contentFormat", "observe", "pointer", "scale", "offset");
    static final List<String> RULE = List.of("id", "kind", "channel", "equals", "above", "below", "hysteresis",
            "minDuration", "ratePerMinute", "inactivity", "window", "severity", "caseType", "message", "actions");
    static final List<String> ACTION = List.of("device", "channel", "value");

    /** Keys every rule may have whatever its kind. */
    static final List<String> RULE_COMMON = List.of("id", "kind", "severity", "caseType", "message", "actions");

    /** The kind-specific keys of each rule kind. */
    static final Map<RuleKind, List<String>> RULE_PARAMS = new EnumMap<>(Map.of(
            RuleKind.STATE, List.of("channel", "equals", "minDuration"),
            RuleKind.THRESHOLD, List.of("channel", "above", "below", "hysteresis", "minDuration"),
            RuleKind.RATE, List.of("channel", "ratePerMinute"),
            RuleKind.INACTIVITY, List.of("channel", "inactivity", "window"),
            RuleKind.COMM_FAULT, List.of("minDuration"),
            RuleKind.TAMPER, List.of("channel", "equals", "minDuration")));

    /** Rule parameters a device instance may override as "<rule-id>.<param>=value". */
    static final List<String> OVERRIDABLE = List.of("enabled", "equals", "above", "below", "hysteresis",
            "minDuration", "ratePerMinute", "inactivity", "window", "windowStart", "windowEnd", "severity", "caseType",
            "message");

    private Keys() { }

    /** Which kinds accept {@code key}, for "'above' belongs to threshold rules" messages. */
    static List<String> kindsUsing(String key) {
        return RULE_PARAMS.entrySet().stream().filter(e -> e.getValue().contains(key))
                .map(e -> Names.yaml(e.getKey())).sorted().toList();
    }
}
