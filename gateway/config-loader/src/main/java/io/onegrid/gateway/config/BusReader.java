package io.onegrid.gateway.config;

import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code buses:}: each physical Modbus RTU bus declared once, with its line settings checked against
 * what RS-485 hardware and the Modbus specification allow. Bus names are unique; one serial port or serial
 * server is claimed by one bus only (two buses on one line would interleave their frames).
 */
final class BusReader {
    /** A bus name must not be one of the poller's own queue names ("gpio"; the others contain ':'). */
    private static final String RESERVED = "gpio";
    private static final Pattern SERIAL_PORT = Pattern.compile("/\\S+|COM\\d{1,3}");
    /** A host name, IPv4 address or IPv6 address (bare or in brackets). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[?[0-9A-Fa-f:.]+]?");

    private final Problems problems;
    /** The line of each name, then of each port or host:tcpPort, for "first on line N". */
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final Map<String, String> lines = new HashMap<>();

    BusReader(Problems problems) {
        this.problems = problems;
    }

    /** Every bus name the file declares, also those of buses with a problem, so their devices are not reported twice. */
    Set<String> names() {
        return names.keySet();
    }

    /** The buses by name, in file order; a bus with a problem is reported and left out. */
    Map<String, GatewayConfig.Bus> read(YamlMap top) {
        Map<String, GatewayConfig.Bus> buses = new LinkedHashMap<>();
        List<Node> items = top.list("buses", "a list of buses ('- name: ...' entries)");
        if (items == null) return buses;
        int index = 0;
        for (Node item : items) {
            index++;
            String peek = YamlMap.peek(item, BusKeys.NAME);
            YamlMap b = YamlMap.of(item, peek == null ? "bus #" + index : "bus '" + peek + "'", BusKeys.ALL, problems);
            if (b == null) continue;
            int before = problems.size();
            GatewayConfig.Bus bus = bus(b);
            if (bus != null && problems.size() == before) buses.put(bus.name(), bus);
        }
        return buses;
    }

    private GatewayConfig.Bus bus(YamlMap b) {
        String name = Values.id(b, BusKeys.NAME, true, ": devices name it in 'bus:'");
        if (name != null) {
            Integer first = names.putIfAbsent(name, Values.line(b.value(BusKeys.NAME)));
            if (first != null) {
                problems.add(b.value(BusKeys.NAME), "bus name '" + name + "' is used twice (first on line " + first + ")");
            } else if (name.equals(RESERVED)) {
                problems.add(b.value(BusKeys.NAME), "bus name 'gpio' is reserved for the GPIO lines' queue; choose another");
            }
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put(BusKeys.RTU, BusKeys.RTU);
        kinds.put(BusKeys.RTU_TCP, BusKeys.RTU_TCP);
        String kind = b.choice(BusKeys.KIND, kinds, true, null);
        String port = null;
        String host = null;
        Integer tcpPort = null;
        if (BusKeys.RTU.equals(kind)) {
            port = Values.text(b, BusKeys.PORT, true);
            if (port != null && !SERIAL_PORT.matcher(port).matches()) {
                problems.add(b.value(BusKeys.PORT), b.where() + ": port '" + port + "' must be a serial device path such"
                        + " as /dev/ttyUSB0 or /dev/serial/by-id/... (or COM3 on Windows)");
            }
            notFor(b, kind, BusKeys.HOST, BusKeys.TCP_PORT);
            claim(b, BusKeys.PORT, port, "serial port " + port);
        } else if (BusKeys.RTU_TCP.equals(kind)) {
            host = Values.text(b, BusKeys.HOST, true);
            if (host != null && !HOST.matcher(host).matches()) {
                problems.add(b.value(BusKeys.HOST), b.where() + ": host '" + host + "' must be a host name or IP address"
                        + " (the TCP port goes in tcpPort)");
            }
            tcpPort = b.integer(BusKeys.TCP_PORT, true, 1, 65_535, "a TCP port from 1 to 65535");
            notFor(b, kind, BusKeys.PORT);
            if (host != null && tcpPort != null) claim(b, BusKeys.HOST, host + ":" + tcpPort, "serial server " + host + ":" + tcpPort);
        }
        Integer baud = oneOf(b, BusKeys.BAUD, BusKeys.BAUDS);
        String parity = b.choice(BusKeys.PARITY, choices(BusKeys.PARITIES), false, null);
        Integer dataBits = oneOf(b, BusKeys.DATA_BITS, List.of(7, 8));
        Integer stopBits = oneOf(b, BusKeys.STOP_BITS, List.of(1, 2));
        Long timeout = Values.millis(b, BusKeys.TIMEOUT_MS, 10, 60_000);
        Integer retries = b.integer(BusKeys.RETRIES, false, 0, 5, "a whole number of re-sends from 0 to 5");
        Long gap = Values.millis(b, BusKeys.FRAME_GAP_MS, 0, 1_000);
        Integer maxRegisters = b.integer(BusKeys.MAX_REGISTERS, false, 1, 125,
                "a whole number from 1 to 125 (the Modbus limit of one read request)");
        Integer maxGap = b.integer(BusKeys.MAX_GAP_REGISTERS, false, 0, 124, "a whole number from 0 to 124");
        if (name == null || kind == null) return null;
        return new GatewayConfig.Bus(name, kind, port, host, tcpPort, baud, parity, dataBits, stopBits,
                timeout == null ? null : timeout.intValue(), retries, gap == null ? null : gap.intValue(), maxRegisters,
                maxGap);
    }

    /** Keys that belong to the other kind of bus are a mistake, not something to ignore. */
    private void notFor(YamlMap b, String kind, String... keys) {
        for (String key : keys) {
            if (b.value(key) != null) {
                problems.add(b.value(key), b.where() + ": '" + key + "' is not used by a bus of kind " + kind
                        + (kind.equals(BusKeys.RTU) ? " (a serial line: give port)" : " (a serial server: give host and tcpPort)"));
            }
        }
    }

    private void claim(YamlMap b, String key, String line, String what) {
        if (line == null) return;
        String first = lines.putIfAbsent(line, b.where() + " (line " + Values.line(b.value(key)) + ")");
        if (first != null) {
            problems.add(b.value(key), b.where() + ": " + what + " is already used by " + first + "; one physical line"
                    + " is one bus: put all its devices on that bus");
        }
    }

    private static Integer oneOf(YamlMap b, String key, List<Integer> allowed) {
        Map<String, Integer> choices = new LinkedHashMap<>();
        for (Integer v : allowed) choices.put(v.toString(), v);
        return b.choice(key, choices, false, null);
    }

    private static Map<String, String> choices(List<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, n);
        return m;
    }
}
