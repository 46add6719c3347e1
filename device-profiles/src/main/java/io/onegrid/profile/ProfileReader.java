package io.onegrid.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Turns a composed YAML document into a {@link DeviceProfile}, collecting every problem on the way. */
final class ProfileReader {
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(15);
    static final String DEFAULT_MANUFACTURER = "generic";

    private final Problems problems;

    ProfileReader(Problems problems) {
        this.problems = problems;
    }

    DeviceProfile read(Node root) {
        YamlMap m = YamlMap.of(root, "the profile", Keys.PROFILE, problems);
        if (m == null) {
            problems.throwIfAny();
        }
        String id = Ids.check(m, "id", m.string("id", true, Ids.HINT));
        String name = m.string("name", true, "a human-readable product name");
        String category = Ids.check(m, "category", m.string("category", true, "a category id such as smoke-detector"));
        String manufacturer = m.string("manufacturer", false, "a manufacturer name");
        String protocol = m.choice("protocol", Names.PROTOCOLS, true, null);
        Duration[] poll = poll(m);
        List<Located<ChannelSpec>> channels = channels(m, protocol);
        Map<String, ChannelSpec> byId = new LinkedHashMap<>();
        for (Located<ChannelSpec> c : channels) byId.putIfAbsent(c.value().id(), c.value());
        ReportSpec report = report(m, byId);
        if (protocol != null && protocol.startsWith("modbus")) checkOverlaps(channels);
        List<AlarmRuleSpec> alarms = alarms(m, byId);
        problems.throwIfAny();
        return new DeviceProfile(id, name, category, manufacturer == null ? DEFAULT_MANUFACTURER : manufacturer,
                protocol, poll[0], poll[1], report, channels.stream().map(Located::value).toList(), alarms,
                problems.file());
    }

    private Duration[] poll(YamlMap m) {
        YamlMap pm = m.map("poll", "the poll block", Keys.POLL);
        Duration interval = pm == null ? null : pm.duration("interval", false, true);
        Duration timeout = pm == null ? null : pm.duration("timeout", false, true);
        if (interval == null) interval = DEFAULT_POLL_INTERVAL;
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT.compareTo(interval.dividedBy(2)) < 0 ? DEFAULT_TIMEOUT : interval.dividedBy(2);
        } else if (timeout.compareTo(interval) >= 0) {
            problems.add(pm.keyNode("timeout"), "poll timeout (" + Durations.format(timeout) + ") must be shorter than the poll interval ("
                    + Durations.format(interval) + "), or a slow device would be asked again before it answered");
        }
        return new Duration[] {interval, timeout};
    }

    private List<Located<ChannelSpec>> channels(YamlMap m, String protocol) {
        List<Located<ChannelSpec>> out = new ArrayList<>();
        if (!m.has("channels")) {
            m.missing("channels", "a list of channels (what the device measures or switches)");
            return out;
        }
        List<Node> nodes = m.list("channels", "a list of channels");
        if (nodes == null) return out;
        if (nodes.isEmpty()) problems.add(m.keyNode("channels"), "'channels' is empty; a profile needs at least one channel");
        ChannelReader reader = new ChannelReader(protocol, problems);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Located<ChannelSpec> c = reader.read(nodes.get(i), i);
            if (c == null) continue;
            Integer first = seen.putIfAbsent(c.value().id(), c.line());
            if (first != null) {
                problems.add(c.line(), "channel id '" + c.value().id() + "' is used twice (first on line " + first
                        + "); channel ids must be unique within a profile");
                continue;
            }
            out.add(c);
        }
        return out;
    }

    private ReportSpec report(YamlMap m, Map<String, ChannelSpec> channels) {
        YamlMap rm = m.map("report", "the report block", Keys.REPORT);
        if (rm == null) return new ReportSpec(Map.of(), DEFAULT_HEARTBEAT);
        Duration heartbeat = rm.duration("heartbeat", false, true);
        Map<String, Double> deadband = new LinkedHashMap<>();
        YamlMap dm = rm.map("deadband", "report.deadband (keys are channel ids)", channels.keySet());
        if (dm != null) {
            for (String ch : dm.keys()) {
                Double d = dm.number(ch, true, "a number, 0 or more, in the channel's unit");
                if (d == null) continue;
                ChannelSpec c = channels.get(ch);
                if (d < 0) {
                    problems.add(dm.value(ch), "deadband of channel '" + ch + "' must be 0 or more, got " + d);
                } else if (c.type() != null && !ChannelReader.isNumeric(c.type())) {
                    problems.add(dm.keyNode(ch), "deadband applies to numeric channels; '" + ch + "' is " + Names.yaml(c.type())
                            + " and is reported on every change");
                } else {
                    deadband.put(ch, d);
                }
            }
        }
        return new ReportSpec(deadband, heartbeat == null ? DEFAULT_HEARTBEAT : heartbeat);
    }

    /**
     * Two channels that share a register would decode the same bytes twice: almost always a typo. Bool channels
     * on different bits of one register share it by design.
     */
    private void checkOverlaps(List<Located<ChannelSpec>> channels) {
        List<Located<ChannelSpec>> points = new ArrayList<>(channels.stream()
                .filter(c -> c.value().modbus() != null && c.value().type() != null).toList());
        points.sort(Comparator.comparingInt((Located<ChannelSpec> c) -> c.value().modbus().address()).thenComparingInt(Located::line));
        for (int i = 0; i < points.size(); i++) {
            ChannelSpec a = points.get(i).value();
            for (int j = i + 1; j < points.size(); j++) {
                ChannelSpec b = points.get(j).value();
                if (b.modbus().table() != a.modbus().table()) continue;
                if (b.modbus().address() > a.modbus().lastAddress(a.type())) break;
                // the point of 'bit': several bool channels, one per bit of a status word
                if (a.modbus().bit() >= 0 && b.modbus().bit() >= 0 && a.modbus().bit() != b.modbus().bit()) continue;
                Located<ChannelSpec> later = points.get(i).line() > points.get(j).line() ? points.get(i) : points.get(j);
                ChannelSpec other = later.value() == a ? b : a;
                problems.add(later.line(), "channel '" + later.value().id() + "' (" + span(later.value()) + ") overlaps channel '"
                        + other.id() + "' (" + span(other) + "); each register may belong to one channel only (or to bool"
                        + " channels on different 'bit's of it), and a "
                        + Names.yaml(a.type()) + " occupies " + a.modbus().count(a.type()) + " register(s)");
            }
        }
    }

    private static String span(ChannelSpec c) {
        ModbusPoint p = c.modbus();
        int last = p.lastAddress(c.type());
        return Names.yaml(p.table()) + " " + (last == p.address() ? String.valueOf(p.address()) : p.address() + ".." + last);
    }

    private List<AlarmRuleSpec> alarms(YamlMap m, Map<String, ChannelSpec> channels) {
        List<Node> nodes = m.list("alarms", "a list of alarm rules");
        List<AlarmRuleSpec> out = new ArrayList<>();
        if (nodes == null) return out;
        RuleReader reader = new RuleReader(channels, problems);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Located<AlarmRuleSpec> r = reader.read(nodes.get(i), i);
            if (r == null) continue;
            Integer first = seen.putIfAbsent(r.value().id(), r.line());
            if (first != null) {
                problems.add(r.line(), "rule id '" + r.value().id() + "' is used twice (first on line " + first
                        + "); rule ids must be unique within a profile");
                continue;
            }
            out.add(r.value());
        }
        return out;
    }
}
