package io.onegrid.gateway.probe;

import io.onegrid.profile.CoapAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the probe finds a device, as the installer types it:
 * {@code modbus+tcp://HOST:PORT?unit=N}, {@code modbus+rtu:///dev/ttyUSB0?baud=9600&parity=N&unit=N},
 * {@code modbus+rtutcp://HOST:PORT?unit=N}, {@code coap://HOST:PORT} and
 * {@code coaps://HOST:PORT?psk-id=ID&psk-file=FILE}. The profile gives registers and resource paths.
 *
 * @param path the serial device of modbus+rtu (null otherwise)
 * @param port the TCP/UDP port, or the scheme's default
 * @param query the parameters, each checked against what the scheme allows
 */
public record ProbeUri(String text, Scheme scheme, String host, int port, String path, Map<String, String> query) {
    /** The schemes the probe speaks, with the profile protocols they can read and their parameters. */
    public enum Scheme {
        MODBUS_TCP("modbus+tcp", 502, Set.of("unit"), List.of("modbus-tcp", "modbus-rtu")),
        MODBUS_RTU("modbus+rtu", 0, Set.of("unit", "baud", "parity", "data-bits", "stop-bits", "timeout"), List.of("modbus-rtu", "modbus-tcp")),
        MODBUS_RTU_TCP("modbus+rtutcp", 4001, Set.of("unit", "timeout"), List.of("modbus-rtu", "modbus-tcp")),
        // CoapAddress, the gateway's own parser of CoAP addresses, checks the CoAP schemes' parameters
        COAP("coap", CoapAddress.COAP_PORT, Set.of(), List.of("coap")),
        COAPS("coaps", CoapAddress.COAPS_PORT, Set.of(), List.of("coap"));

        final String text;
        final int defaultPort;
        final Set<String> parameters;
        /** A Modbus register map is the same behind a serial server in either mode, so both Modbus protocols fit. */
        final List<String> protocols;

        Scheme(String text, int defaultPort, Set<String> parameters, List<String> protocols) {
            this.text = text;
            this.defaultPort = defaultPort;
            this.parameters = parameters;
            this.protocols = protocols;
        }

        public boolean reads(String protocol) {
            return protocols.contains(protocol);
        }

        static Scheme of(String text) throws ProbeUsageException {
            for (Scheme s : values()) {
                if (s.text.equalsIgnoreCase(text)) return s;
            }
            throw new ProbeUsageException("unknown scheme '" + text + "'; use one of modbus+tcp, modbus+rtu, modbus+rtutcp, coap, coaps");
        }
    }

    public ProbeUri {
        query = Map.copyOf(query);
    }

    public static ProbeUri parse(String text) throws ProbeUsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ProbeUsageException("'" + text + "' is not a URI: " + e.getReason() + examples());
        }
        if (uri.getScheme() == null) throw new ProbeUsageException("'" + text + "' has no scheme" + examples());
        Scheme scheme = Scheme.of(uri.getScheme());
        if (scheme == Scheme.COAP || scheme == Scheme.COAPS) return coap(text, scheme);
        Map<String, String> query = query(uri.getRawQuery(), scheme);
        String host = uri.getHost();
        String path = null;
        if (scheme == Scheme.MODBUS_RTU) {
            path = uri.getPath();
            if (path == null || path.isBlank() || path.equals("/")) {
                throw new ProbeUsageException("modbus+rtu needs the serial device as its path, e.g. modbus+rtu:///dev/ttyUSB0?unit=1");
            }
            if (host != null && !host.isBlank()) {
                throw new ProbeUsageException("modbus+rtu takes no host: write three slashes, modbus+rtu://" + "/dev/ttyUSB0?unit=1");
            }
        } else if (host == null || host.isBlank()) {
            throw new ProbeUsageException("'" + text + "' names no host" + examples());
        }
        if (scheme != Scheme.MODBUS_RTU && uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new ProbeUsageException("'" + text + "' has a path; the profile gives the registers, so write only "
                    + scheme.text + "://HOST:PORT");
        }
        if (!query.containsKey("unit")) {
            throw new ProbeUsageException(scheme.text + " needs the unit id: add ?unit=N (1..247)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.defaultPort;
        return new ProbeUri(text, scheme, host, port, path, query);
    }

    /** A CoAP URI is a CoAP device address as the configuration file takes it, checked by the same parser. */
    private static ProbeUri coap(String text, Scheme scheme) throws ProbeUsageException {
        CoapAddress address;
        try {
            address = CoapAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProbeUsageException(e.getMessage());
        }
        Map<String, String> query = address.secure()
                ? Map.of("psk-id", address.pskIdentity(), "psk-file", address.pskFile().toString()) : Map.of();
        return new ProbeUri(text, scheme, address.host(), address.port(), null, query);
    }

    /** The unit id of a Modbus URI, 1..247 (0 is broadcast, which answers nothing). */
    public int unit() throws ProbeUsageException {
        return integer("unit", 1, 247);
    }

    /** A numeric parameter within bounds, or a usage error saying what is allowed. */
    public int integer(String key, int min, int max) throws ProbeUsageException {
        String v = query.get(key);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new ProbeUsageException("'" + key + "=" + v + "' in " + text + ": use a whole number from " + min + " to " + max);
    }

    public String get(String key, String absent) {
        return query.getOrDefault(key, absent);
    }

    private static Map<String, String> query(String raw, Scheme scheme) throws ProbeUsageException {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!scheme.parameters.contains(key)) {
                throw new ProbeUsageException("unknown parameter '" + key + "' for " + scheme.text + "; "
                        + (scheme.parameters.isEmpty() ? "it takes none" : "allowed: " + String.join(", ", scheme.parameters.stream().sorted().toList())));
            }
            if (out.put(key, value) != null) throw new ProbeUsageException("parameter '" + key + "' is given twice");
        }
        return out;
    }

    private static String examples() {
        return "; examples: modbus+tcp://10.0.0.5:502?unit=1, modbus+rtu:///dev/ttyUSB0?baud=9600&parity=N&unit=3,"
                + " modbus+rtutcp://10.0.3.20:4001?unit=3, coap://10.0.0.7:5683, coaps://10.0.0.7:5684?psk-id=ID&psk-file=FILE";
    }
}
