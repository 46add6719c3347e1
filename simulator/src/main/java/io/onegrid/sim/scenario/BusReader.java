package io.onegrid.sim.scenario;

import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the scenario's {@code buses:} list: one simulated RS-485 line per entry, with its serial settings. */
final class BusReader {
    private static final Set<String> KEYS = Set.of("name", "baud", "parity", "dataBits", "stopBits");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Map<String, String> PARITIES = Map.of("none", "none", "even", "even", "odd", "odd");

    private final Problems problems;

    BusReader(Problems problems) {
        this.problems = problems;
    }

    Map<String, BusSpec> read(List<Node> nodes) {
        Map<String, BusSpec> buses = new LinkedHashMap<>();
        for (Node node : nodes == null ? List.<Node>of() : nodes) {
            bus(node).ifPresent(bus -> {
                if (buses.putIfAbsent(bus.name(), bus) != null) {
                    problems.add(node, "bus name '" + bus.name() + "' is used twice; each RTU bus is declared once");
                }
            });
        }
        return buses;
    }

    private Optional<BusSpec> bus(Node node) {
        YamlMap b = YamlMap.of(node, "a bus", KEYS, problems);
        if (b == null) {
            return Optional.empty();
        }
        String name = b.text("name", true, "the bus name devices give in 'modbus: {bus: NAME}'");
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(b.value("name"), "bus name '" + name + "' may only use letters, digits, '.', '_' and '-'"
                    + " (at most 64)");
            name = null;
        }
        Integer baud = b.integer("baud", false, 300, 1_000_000, "a baud rate 300..1000000 such as 9600 or 19200");
        String parity = b.choice("parity", PARITIES, false, "none");
        Integer dataBits = b.integer("dataBits", false, 7, 8, "7 or 8");
        Integer stopBits = b.integer("stopBits", false, 1, 2, "1 or 2");
        if (name == null || parity == null) {
            return Optional.empty();
        }
        return Optional.of(new BusSpec(name, baud == null ? 9600 : baud, parity, dataBits == null ? 8 : dataBits,
                stopBits == null ? 1 : stopBits, b.line()));
    }
}
