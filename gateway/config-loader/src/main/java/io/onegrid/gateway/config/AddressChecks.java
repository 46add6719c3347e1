package io.onegrid.gateway.config;

import io.onegrid.profile.CoapAddress;
import io.onegrid.profile.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks a device's {@code address} in the form its profile's protocol needs: GPIO "channel=line,...",
 * Modbus TCP "host:port/unit", CoAP as {@link CoapAddress} parses it (the driver's own parser), and for coaps:// the
 * PSK file must exist and not be empty (it is never read here: its content is a secret).
 */
final class AddressChecks {
    private static final Pattern MODBUS_TCP = Pattern.compile("([^:/\\s]+):(\\d{1,5})/(\\d{1,3})");

    private final Path baseDir;
    private final Problems problems;

    AddressChecks(Path baseDir, Problems problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    void check(String protocol, String address, Node node, String where) {
        switch (protocol) {
            case "gpio" -> gpio(address, node, where);
            case "modbus-tcp" -> modbusTcp(address, node, where);
            case "coap" -> coap(address, node, where);
            default -> { } // modbus-rtu devices give unitId, checked with their bus
        }
    }

    private void gpio(String address, Node node, String where) {
        for (String pair : address.split(",", -1)) {
            String[] kv = pair.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                problems.add(node, where + ": address '" + address + "' must be channel=line pairs separated"
                        + " by commas (e.g. smoke=17,siren=27); '" + pair + "' is not one");
                return;
            }
        }
    }

    private void modbusTcp(String address, Node node, String where) {
        var m = MODBUS_TCP.matcher(address);
        if (!m.matches()) {
            problems.add(node, where + ": address '" + address + "' must be host:port/unit for Modbus TCP"
                    + " (e.g. 127.0.0.1:5020/1)");
            return;
        }
        int port = Integer.parseInt(m.group(2));
        int unit = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65_535) problems.add(node, where + ": port " + port + " in address is out of range 1..65535");
        if (unit > 255) problems.add(node, where + ": unit id " + unit + " in address must be 0..255");
    }

    private void coap(String address, Node node, String where) {
        CoapAddress coap;
        try {
            coap = CoapAddress.parse(address);
        } catch (IllegalArgumentException e) {
            problems.add(node, where + ": " + e.getMessage());
            return;
        }
        if (coap.secure()) pskFile(coap.pskFile(), node, where);
    }

    private void pskFile(Path written, Node node, String where) {
        Path file = baseDir.resolve(written).normalize();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                problems.add(node, where + ": psk-file " + file + (Files.exists(file) ? " is empty or not a file"
                        : " does not exist") + " (working directory: " + baseDir + ")");
            } else if (!Files.isReadable(file)) {
                problems.add(node, where + ": psk-file " + file + " cannot be read by the gateway's user");
            }
        } catch (IOException e) {
            problems.add(node, where + ": cannot check psk-file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
