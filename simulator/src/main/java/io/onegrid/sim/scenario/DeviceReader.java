package io.onegrid.sim.scenario;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.Problems;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.YamlMap;
import io.onegrid.sim.device.ChannelValues;
import io.onegrid.sim.modbus.ModbusLayout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one entry of {@code devices:}: its profile, where it is served (Modbus unit and bus, CoAP port, GPIO
 * lines), and its initial values and noise, each checked against the profile.
 */
final class DeviceReader {
    static final String TCP = "(Modbus TCP)";
    private static final Set<String> KEYS =
            Set.of("id", "profile", "description", "modbus", "coap", "gpio", "initial", "noise");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern LINE_NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private final ProfileCatalog catalog;
    private final Problems problems;
    private final Map<String, BusSpec> buses;
    private final Map<String, String> unitOwners = new HashMap<>();
    private final Map<String, String> lineOwners = new HashMap<>();
    private final Map<Integer, String> portOwners = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private final Set<String> unusable = new HashSet<>();

    DeviceReader(ProfileCatalog catalog, Problems problems, Map<String, BusSpec> buses) {
        this.catalog = catalog;
        this.problems = problems;
        this.buses = buses;
    }

    /** Ids of devices declared but not readable: steps naming them are not reported again. */
    Set<String> unusable() {
        return unusable;
    }

    Optional<DeviceSpec> read(Node node) {
        YamlMap d = YamlMap.of(node, "a device", KEYS, problems);
        if (d == null) {
            return Optional.empty();
        }
        String id = d.text("id", true, "a unique device id (letters, digits, '.', '_', '-')");
        if (id == null) {
            return Optional.empty();
        }
        if (!ID.matcher(id).matches()) {
            problems.add(d.value("id"), "device id '" + id + "' may only use letters, digits, '.', '_' and '-'"
                    + " (at most 128)");
            return Optional.empty();
        }
        if (!ids.add(id)) {
            problems.add(d.value("id"), "device id '" + id + "' is used twice");
            return Optional.empty();
        }
        String what = "device " + id;
        String profileId = d.text("profile", true, "a profile id from the catalog");
        DeviceProfile profile = profileId == null ? null : catalog.find(profileId).orElse(null);
        if (profile == null) {
            if (profileId != null) {
                problems.add(d.value("profile"), "unknown profile '" + profileId + "' for " + what
                        + YamlMap.didYouMean(profileId, knownProfiles(), "known profiles"));
            }
            unusable.add(id);
            return Optional.empty();
        }
        Integer unit = null;
        String bus = null;
        Integer coapPort = null;
        Map<String, String> lines = Map.of();
        switch (profile.protocol()) {
            case "modbus-tcp", "modbus-rtu" -> {
                notFor(d, what, profileId, "coap", "gpio");
                Object[] where = modbus(d, what, profile);
                if (where == null) {
                    unusable.add(id);
                    return Optional.empty();
                }
                unit = (Integer) where[0];
                bus = (String) where[1];
            }
            case "coap" -> {
                notFor(d, what, profileId, "modbus", "gpio");
                coapPort = coapPort(d, what);
            }
            case "gpio" -> {
                notFor(d, what, profileId, "modbus", "coap");
                lines = gpioLines(d, id, profile);
            }
            default -> {
                problems.add(d.value("profile"), "profile " + profileId + " uses protocol " + profile.protocol()
                        + ", which the simulator does not serve (supported: modbus-tcp, modbus-rtu, coap, gpio)");
                unusable.add(id);
                return Optional.empty();
            }
        }
        Values values = new Values(problems, profile, what);
        Map<String, Object> initial = values.map(d, "initial");
        Map<String, Double> noise = noise(d, values);
        return Optional.of(new DeviceSpec(id, profile, unit, bus, coapPort, lines, initial, noise, d.line()));
    }

    private void notFor(YamlMap d, String what, String profileId, String... keys) {
        for (String key : keys) {
            if (d.has(key)) {
                problems.add(d.value(key), what + " uses profile " + profileId + ": '" + key + "' does not apply");
            }
        }
    }

    /** {unit, bus}; null when unusable (reported). */
    private Object[] modbus(YamlMap d, String what, DeviceProfile profile) {
        YamlMap m = d.map("modbus", "'modbus' of " + what, Set.of("unit", "bus"));
        if (m == null) {
            if (!d.has("modbus")) {
                d.missing("modbus", "'modbus: {unit: N}' (Modbus unit id 1..247; add 'bus: NAME' for an RTU bus)");
            }
            return null;
        }
        Integer unit = m.integer("unit", true, 1, 247, "a Modbus unit id 1..247");
        String bus = m.text("bus", false, "the name of a bus declared under 'buses:'");
        if (bus != null && !buses.containsKey(bus)) {
            problems.add(m.value("bus"), "bus '" + bus + "' of " + what + " is not declared under 'buses:'"
                    + YamlMap.didYouMean(bus, buses.keySet(), "declared buses"));
            return null;
        }
        if (unit == null) {
            return null;
        }
        String owner = unitOwners.putIfAbsent((bus == null ? TCP : bus) + "/" + unit, what);
        if (owner != null) {
            problems.add(m.value("unit"), "Modbus unit id " + unit + " is already used by " + owner
                    + (bus == null ? " on Modbus TCP" : " on bus " + bus) + "; unit ids are unique per bus");
            return null;
        }
        try {
            ModbusLayout.of(profile);
        } catch (IllegalArgumentException e) {
            problems.add(d.value("profile"), "profile " + profile.id() + " cannot be simulated: " + e.getMessage());
            return null;
        }
        return new Object[] {unit, bus};
    }

    private Integer coapPort(YamlMap d, String what) {
        YamlMap c = d.map("coap", "'coap' of " + what, Set.of("port"));
        Integer port = c == null ? null : c.integer("port", false, 0, 65535,
                "a UDP port 1..65535 (0 or absent = the next from --coap-port)");
        if (port != null && port > 0) {
            String owner = portOwners.putIfAbsent(port, what);
            if (owner != null) {
                problems.add(c.value("port"), "CoAP port " + port + " is already used by " + owner);
            }
        }
        return port == null ? 0 : port;
    }

    private Map<String, String> gpioLines(YamlMap d, String id, DeviceProfile profile) {
        Set<String> gpioChannels = new TreeSet<>();
        profile.channels().stream().filter(c -> c.gpio() != null).forEach(c -> gpioChannels.add(c.id()));
        YamlMap g = d.map("gpio", "'gpio' of device " + id, gpioChannels);
        Map<String, String> lines = new LinkedHashMap<>();
        for (ChannelSpec channel : profile.channels()) {
            if (channel.gpio() == null) {
                continue;
            }
            boolean given = g != null && g.has(channel.id());
            String line = given ? g.text(channel.id(), true, "a line name") : id + "." + channel.id();
            if (line == null) {
                continue;
            }
            Node at = given ? g.value(channel.id()) : d.node();
            if (!LINE_NAME.matcher(line).matches()) {
                problems.add(at, "GPIO line name '" + line + "' may only use letters, digits and . _ : / - (at most 200)");
                continue;
            }
            String owner = lineOwners.putIfAbsent(line, id + "." + channel.id());
            if (owner != null) {
                problems.add(at, "GPIO line '" + line + "' is already used by " + owner);
                continue;
            }
            lines.put(channel.id(), line);
        }
        return lines;
    }

    private Map<String, Double> noise(YamlMap d, Values values) {
        Map<String, Double> noise = new LinkedHashMap<>();
        YamlMap n = values.channels(d, "noise");
        if (n == null) {
            return noise;
        }
        for (String channelId : n.keys()) {
            if (!values.numeric(n, channelId)) {
                continue;
            }
            Double sigma = n.number(channelId, true, "a standard deviation >= 0 in the channel's unit");
            if (sigma != null && sigma < 0) {
                n.wrong(channelId, n.value(channelId), "a standard deviation >= 0 in the channel's unit");
            } else if (sigma != null) {
                noise.put(channelId, sigma);
            }
        }
        return noise;
    }

    private List<String> knownProfiles() {
        Set<String> known = new TreeSet<>();
        catalog.all().forEach(p -> known.add(p.id()));
        return List.copyOf(known);
    }

    static boolean isNumeric(ChannelSpec channel) {
        return ChannelValues.defaultValue(channel) instanceof Double;
    }
}
