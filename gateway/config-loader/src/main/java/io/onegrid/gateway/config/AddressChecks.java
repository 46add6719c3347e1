package io.onegrid.gateway.config;

import io.onegrid.profile.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks a device's {@code address} in the form its profile's protocol needs: GPIO "channel=line,...",
 * Modbus TCP "host:port/unit", CoAP "coap://host[:port]" or "coaps://host[:port]?psk-id=ID&amp;psk-file=PATH"
 * (the PSK file must exist and not be empty; it is never read here: its content is a secret).
 */
final class AddressChecks {
    private static final Pattern MODBUS_TCP = Pattern.compile("([^:/\\s]+):(\\d{1,5})/(\\d{1,3})");
    private static final Set<String> COAPS_PARAMS = Set.of("psk-id", "psk-file");

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
        String forms = " (coap://host[:port], or coaps://host[:port]?psk-id=ID&psk-file=PATH for DTLS with a"
                + " pre-shared key)";
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            problems.add(node, where + ": address '" + address + "' must be a CoAP URI" + forms);
            return;
        }
        String scheme = uri.getScheme();
        if (!"coap".equals(scheme) && !"coaps".equals(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            problems.add(node, where + ": address '" + address + "' must be a CoAP URI" + forms);
            return;
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            problems.add(node, where + ": port " + uri.getPort() + " in address is out of range 1..65535");
            return;
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawFragment() != null) {
            problems.add(node, where + ": address '" + address + "' must name only the device; the profile's channels"
                    + " give the resource paths" + forms);
            return;
        }
        if ("coap".equals(scheme)) {
            if (uri.getRawQuery() != null) {
                problems.add(node, where + ": address '" + address + "' takes no query; psk-id and psk-file are for coaps://");
            }
            return;
        }
        Map<String, String> params = query(uri.getRawQuery());
        if (params == null || !params.keySet().equals(COAPS_PARAMS)) {
            problems.add(node, where + ": address '" + address + "' must end in ?psk-id=ID&psk-file=PATH (both, once each,"
                    + " nothing else)");
            return;
        }
        pskFile(params.get("psk-file"), node, where);
    }

    private void pskFile(String text, Node node, String where) {
        Path file;
        try {
            file = baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.add(node, where + ": psk-file '" + text + "' is not a valid path");
            return;
        }
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

    /** The query's parameters; null when one is malformed, empty or given twice. */
    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) return params;
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) return null;
            String key = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (key == null || value == null || params.put(key, value) != null) return null;
        }
        return params;
    }

    private static String decode(String s) {
        try {
            // percent-decoding only: a '+' in a file name stays a '+'
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
