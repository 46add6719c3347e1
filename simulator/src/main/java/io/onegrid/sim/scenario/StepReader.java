package io.onegrid.sim.scenario;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import io.onegrid.sim.device.Behaviour;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one entry of {@code timeline:}: at a time, set channels (a step change), start ramps, and/or make
 * the device misbehave or recover ({@code behave:}).
 */
final class StepReader {
    static final String BEHAVE_HINT = "normal, silent, corrupt-crc, garbage, {exception: CODE} (1..255)"
            + " or {delay: DURATION}";
    private static final Set<String> KEYS = Set.of("at", "device", "set", "ramp", "behave", "note");
    private static final Map<String, Behaviour.Mode> WORDS = Map.of("normal", Behaviour.Mode.NORMAL,
            "silent", Behaviour.Mode.SILENT, "corrupt-crc", Behaviour.Mode.CORRUPT_CRC,
            "garbage", Behaviour.Mode.GARBAGE);

    private final Problems problems;
    private final Map<String, DeviceSpec> devices;
    private final Set<String> unusable;

    StepReader(Problems problems, Map<String, DeviceSpec> devices, Set<String> unusable) {
        this.problems = problems;
        this.devices = devices;
        this.unusable = unusable;
    }

    Optional<TimelineStep> read(Node node) {
        YamlMap s = YamlMap.of(node, "a timeline step", KEYS, problems);
        if (s == null) {
            return Optional.empty();
        }
        Duration at = s.duration("at", true, false);
        String deviceId = s.text("device", true, "the id of a device of this scenario");
        String note = s.text("note", false, "free text");
        DeviceSpec device = deviceId == null ? null : devices.get(deviceId);
        if (device == null) {
            if (deviceId != null && !unusable.contains(deviceId)) {
                problems.add(s.value("device"), "timeline step names unknown device '" + deviceId + "'"
                        + YamlMap.didYouMean(deviceId, devices.keySet(), "devices"));
            }
            return Optional.empty();
        }
        if (!s.has("set") && !s.has("ramp") && !s.has("behave")) {
            problems.add(s.node(), "a timeline step needs at least one of 'set', 'ramp' or 'behave'");
            return Optional.empty();
        }
        String what = "device " + deviceId;
        Values values = new Values(problems, device.profile(), what);
        Map<String, Object> set = values.map(s, "set");
        Map<String, Ramp> ramps = ramps(s, values, device);
        Behaviour behave = s.has("behave") ? behaviour(s, device) : null;
        if (at == null) {
            return Optional.empty();
        }
        return Optional.of(new TimelineStep(at, deviceId, set, ramps, behave, note, s.line()));
    }

    private Map<String, Ramp> ramps(YamlMap s, Values values, DeviceSpec device) {
        Map<String, Ramp> ramps = new LinkedHashMap<>();
        YamlMap r = values.channels(s, "ramp");
        if (r == null) {
            return ramps;
        }
        for (String channelId : r.keys()) {
            if (!values.numeric(r, channelId)) {
                continue;
            }
            YamlMap one = r.map(channelId, "the ramp of '" + channelId + "'", Set.of("to", "over"));
            if (one == null) {
                if (!r.has(channelId)) {
                    r.missing(channelId, "{to: VALUE, over: DURATION}");
                }
                continue;
            }
            Double to = one.number("to", true, "the value the ramp ends at");
            Duration over = one.duration("over", true, true);
            ChannelSpec channel = device.profile().channel(channelId).orElseThrow();
            if (to != null && over != null && values.check(one.value("to"), channel, to).isPresent()) {
                ramps.put(channelId, new Ramp(to, over));
            }
        }
        return ramps;
    }

    private Behaviour behaviour(YamlMap s, DeviceSpec device) {
        Node v = s.value("behave");
        Behaviour b = parseBehaviour(s, v);
        if (b == null) {
            return null;
        }
        if (device.gpioLines().size() > 0 && b.mode() != Behaviour.Mode.NORMAL) {
            problems.add(v, "device " + device.id() + " is served as GPIO lines, which cannot misbehave;"
                    + " 'behave' applies to Modbus and CoAP devices");
            return null;
        }
        if (b.mode() == Behaviour.Mode.CORRUPT_CRC && !device.modbusRtu()) {
            problems.add(v, "corrupt-crc applies to devices on an RTU bus only (Modbus TCP and CoAP carry no CRC);"
                    + " device " + device.id() + " is not on one");
            return null;
        }
        return b;
    }

    private Behaviour parseBehaviour(YamlMap s, Node v) {
        if (v instanceof ScalarNode word) {
            Behaviour.Mode mode = WORDS.get(word.getValue());
            if (mode == null) {
                s.wrong("behave", v, BEHAVE_HINT);
                return null;
            }
            return Behaviour.of(mode);
        }
        YamlMap m = YamlMap.of(v, "'behave'", Set.of("exception", "delay"), problems);
        if (m == null) {
            return null;
        }
        if (m.keys().size() != 1) {
            problems.add(v, "'behave' takes one of " + BEHAVE_HINT);
            return null;
        }
        if (m.has("exception")) {
            Integer code = m.integer("exception", true, 1, 255,
                    "a Modbus exception code 1..255 (1 illegal function, 2 illegal data address, 3 illegal data"
                            + " value, 4 device failure, 6 busy, 11 gateway target failed to respond)");
            return code == null ? null : Behaviour.exception(code);
        }
        Duration delay = m.duration("delay", true, true);
        return delay == null ? null : Behaviour.delay(delay);
    }

}
