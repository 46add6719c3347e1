package io.onegrid.sim.scenario;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.sim.device.ChannelValues;
import io.onegrid.sim.modbus.ModbusLayout;
import io.onegrid.sim.modbus.RegisterCodec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads scenario files (YAML) and checks them against the device profiles, so that a scenario that
 * loads also runs: every problem is reported as file:line and a sentence.
 */
public final class ScenarioLoader {
    static final Set<String> MODBUS_PROTOCOLS = Set.of("modbus-tcp", "modbus-rtu");
    static final String GPIO_PROTOCOL = "gpio";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern LINE_NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private final ProfileCatalog catalog;

    public ScenarioLoader(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    public Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, "cannot read the file (" + e.getMessage() + ")");
        }
        return parse(file.toString(), text);
    }

    public Scenario parse(String source, String yamlText) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(YamlSection.loaderOptions())).compose(new StringReader(yamlText));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(source, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ScenarioException(source, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ScenarioException(source, 0, "the file is empty");
        }
        YamlSection top = YamlSection.of(source, "the scenario", root,
                "name", "description", "seed", "noiseInterval", "devices", "timeline");
        String name = top.string("name");
        String description = top.optionalString("description").orElse(null);
        long seed = top.get("seed").map(n -> top.integer(n, "seed")).orElse(0L);
        Duration noiseInterval = top.get("noiseInterval").map(n -> duration(top, n, "noiseInterval"))
                .orElse(Duration.ofSeconds(1));
        if (noiseInterval.isZero()) {
            throw top.fail(top.keyLine("noiseInterval"), "'noiseInterval' must be longer than 0");
        }

        List<Node> deviceNodes = top.list("devices");
        if (deviceNodes.isEmpty()) {
            throw top.fail(top.keyLine("devices"), "'devices' is empty: a scenario needs at least one device");
        }
        Map<String, DeviceSpec> devices = new LinkedHashMap<>();
        Map<Integer, String> units = new HashMap<>();
        Map<String, String> lineOwners = new HashMap<>();
        for (Node node : deviceNodes) {
            DeviceSpec device = device(source, node, units, lineOwners);
            if (devices.containsKey(device.id())) {
                throw new ScenarioException(source, device.line(), "device id '" + device.id() + "' is used twice");
            }
            devices.put(device.id(), device);
        }

        List<TimelineStep> steps = new ArrayList<>();
        if (top.get("timeline").isPresent()) {
            for (Node node : top.list("timeline")) {
                steps.add(step(source, node, devices));
            }
        }
        steps.sort(Comparator.comparing(TimelineStep::at)); // stable: equal times keep file order
        return new Scenario(name, description, seed, noiseInterval, new ArrayList<>(devices.values()), steps, source);
    }

    private DeviceSpec device(String source, Node node, Map<Integer, String> units, Map<String, String> lineOwners) {
        YamlSection d = YamlSection.of(source, "a device", node,
                "id", "profile", "description", "modbus", "gpio", "initial", "noise");
        String id = d.string("id");
        if (!ID.matcher(id).matches()) {
            throw d.fail(d.keyLine("id"), "device id '" + id + "' may only use letters, digits, '.', '_' and '-'");
        }
        String what = "device " + id;
        String profileId = d.string("profile");
        DeviceProfile profile = catalog.find(profileId).orElseThrow(() -> d.fail(d.keyLine("profile"),
                "unknown profile '" + profileId + "' for " + what + " (known: " + knownProfiles() + ")"));

        Integer unit = null;
        Map<String, String> lines = new LinkedHashMap<>();
        if (MODBUS_PROTOCOLS.contains(profile.protocol())) {
            if (d.get("gpio").isPresent()) {
                throw d.fail(d.keyLine("gpio"), what + " uses Modbus profile " + profileId + ": 'gpio' does not apply");
            }
            YamlSection m = YamlSection.of(source, "'modbus' of " + what, d.require("modbus"), "unit");
            long u = m.integer(m.require("unit"), "unit");
            if (u < 1 || u > 247) {
                throw m.fail(m.keyLine("unit"), "Modbus unit id " + u + " of " + what + " must be 1..247");
            }
            unit = (int) u;
            String other = units.putIfAbsent(unit, id);
            if (other != null) {
                throw m.fail(m.keyLine("unit"), "Modbus unit id " + u + " is already used by device " + other);
            }
            try {
                ModbusLayout.of(profile);
            } catch (IllegalArgumentException e) {
                throw d.fail(d.keyLine("profile"), "profile " + profileId + " cannot be simulated: " + e.getMessage());
            }
        } else if (GPIO_PROTOCOL.equals(profile.protocol())) {
            if (d.get("modbus").isPresent()) {
                throw d.fail(d.keyLine("modbus"), what + " uses GPIO profile " + profileId + ": 'modbus' does not apply");
            }
            lines = gpioLines(d, id, profile, lineOwners);
        } else {
            throw d.fail(d.keyLine("profile"), "profile " + profileId + " uses protocol " + profile.protocol()
                    + ", which the simulator does not serve (supported: modbus-tcp, modbus-rtu, gpio)");
        }

        Map<String, Object> initial = new LinkedHashMap<>();
        if (d.get("initial").isPresent()) {
            YamlSection init = YamlSection.of(source, "'initial' of " + what, d.require("initial"), (String[]) null);
            for (String channelId : init.keys()) {
                initial.put(channelId, value(init, profile, channelId, what));
            }
        }
        Map<String, Double> noise = new LinkedHashMap<>();
        if (d.get("noise").isPresent()) {
            YamlSection n = YamlSection.of(source, "'noise' of " + what, d.require("noise"), (String[]) null);
            for (String channelId : n.keys()) {
                ChannelSpec channel = channel(n, profile, channelId, what);
                if (!(ChannelValues.defaultValue(channel) instanceof Double)) {
                    throw n.fail(n.keyLine(channelId), "noise needs a numeric channel; '" + channelId + "' is "
                            + channel.type());
                }
                double sigma = n.number(n.require(channelId), channelId);
                if (sigma < 0 || !Double.isFinite(sigma)) {
                    throw n.fail(n.keyLine(channelId), "noise of '" + channelId + "' must be a number >= 0");
                }
                noise.put(channelId, sigma);
            }
        }
        return new DeviceSpec(id, profile, unit, lines, initial, noise, d.line());
    }

    private Map<String, String> gpioLines(YamlSection d, String id, DeviceProfile profile,
                                          Map<String, String> lineOwners) {
        Map<String, String> lines = new LinkedHashMap<>();
        YamlSection g = d.get("gpio").isPresent()
                ? YamlSection.of(d.source(), "'gpio' of device " + id, d.require("gpio"), (String[]) null) : null;
        if (g != null) {
            for (String channelId : g.keys()) {
                ChannelSpec channel = channel(g, profile, channelId, "device " + id);
                if (channel.gpio() == null) {
                    throw g.fail(g.keyLine(channelId), "channel '" + channelId + "' has no GPIO line in profile "
                            + profile.id());
                }
            }
        }
        for (ChannelSpec channel : profile.channels()) {
            if (channel.gpio() == null) {
                continue;
            }
            String line = g != null && g.get(channel.id()).isPresent()
                    ? g.string(channel.id()) : id + "." + channel.id();
            int at = g != null && g.get(channel.id()).isPresent() ? g.keyLine(channel.id()) : d.line();
            if (!LINE_NAME.matcher(line).matches()) {
                throw d.fail(at, "GPIO line name '" + line + "' may only use letters, digits and . _ : / - (at most 200)");
            }
            String owner = lineOwners.putIfAbsent(line, id + "." + channel.id());
            if (owner != null) {
                throw d.fail(at, "GPIO line '" + line + "' is already used by " + owner);
            }
            lines.put(channel.id(), line);
        }
        return lines;
    }

    private TimelineStep step(String source, Node node, Map<String, DeviceSpec> devices) {
        YamlSection s = YamlSection.of(source, "a timeline step", node, "at", "device", "set", "note");
        Duration at = duration(s, s.require("at"), "at");
        String deviceId = s.string("device");
        DeviceSpec device = devices.get(deviceId);
        if (device == null) {
            throw s.fail(s.keyLine("device"), "timeline step names unknown device '" + deviceId
                    + "' (devices: " + String.join(", ", devices.keySet()) + ")");
        }
        YamlSection set = YamlSection.of(source, "'set' of the step at " + DurationText.format(at),
                s.require("set"), (String[]) null);
        if (set.keys().isEmpty()) {
            throw s.fail(s.keyLine("set"), "'set' is empty: name at least one channel and its value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String channelId : set.keys()) {
            values.put(channelId, value(set, device.profile(), channelId, "device " + deviceId));
        }
        String note = s.optionalString("note").orElse(null);
        return new TimelineStep(at, deviceId, values, note, s.line());
    }

    private static Duration duration(YamlSection s, Node node, String key) {
        try {
            Duration d = DurationText.parse(s.text(node, key));
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + key + "' must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw s.fail(YamlSection.line(node), e.getMessage());
        }
    }

    private static ChannelSpec channel(YamlSection s, DeviceProfile profile, String channelId, String what) {
        return profile.channel(channelId).orElseThrow(() -> s.fail(s.keyLine(channelId), what + " (profile "
                + profile.id() + ") has no channel '" + channelId + "' (channels: "
                + profile.channels().stream().map(ChannelSpec::id).collect(Collectors.joining(", ")) + ")"));
    }

    /** A channel value, checked for kind and, for Modbus, that it fits the channel's registers. */
    private static Object value(YamlSection s, DeviceProfile profile, String channelId, String what) {
        ChannelSpec channel = channel(s, profile, channelId, what);
        Node node = s.require(channelId);
        try {
            Object value = ChannelValues.coerce(channel, s.scalar(node, channelId));
            if (channel.modbus() != null) {
                RegisterCodec.encode(channel, value);
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw s.fail(YamlSection.line(node), e.getMessage());
        }
    }

    private String knownProfiles() {
        Set<String> ids = new TreeSet<>();
        catalog.all().forEach(p -> ids.add(p.id()));
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
