package io.onegrid.driver.coap;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a CoAP device is: {@code coap://host[:port]} (port 5683), or {@code coaps://host[:port]?psk-id=ID&psk-file=PATH}
 * (port 5684) for DTLS with a pre-shared key; an IPv6 host goes in brackets ({@code coap://[::1]:5683}). The profile's
 * channels give the resource paths, so an address carries no path.
 *
 * @param pskIdentity the PSK identity (coaps only), null for coap
 * @param pskFile     the file holding the key in hex (coaps only), null for coap
 */
public record CoapAddress(boolean secure, String host, int port, String pskIdentity, Path pskFile) {
    public static final int COAP_PORT = 5683;
    public static final int COAPS_PORT = 5684;

    /** The address as a base URI for requests (the PSK parameters left out: they are not part of a request). */
    public String baseUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (secure ? "coaps" : "coap") + "://" + h + ":" + port;
    }

    @Override
    public String toString() {
        return baseUri();
    }

    /** Parses a device address; the message of the exception says what is wrong and what is allowed. */
    public static CoapAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no address: expected coap://host[:port] or coaps://host[:port]?psk-id=ID&psk-file=PATH");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address '" + text + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme();
        boolean secure;
        if ("coap".equalsIgnoreCase(scheme)) {
            secure = false;
        } else if ("coaps".equalsIgnoreCase(scheme)) {
            secure = true;
        } else {
            throw new IllegalArgumentException("address '" + text + "' must start with coap:// or coaps://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("address '" + text + "' has no host (coap://host[:port])");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("address '" + text + "' has a path: the profile's channels give the resource paths");
        }
        int port = uri.getPort() < 0 ? (secure ? COAPS_PORT : COAP_PORT) : uri.getPort();
        Map<String, String> query = query(uri.getRawQuery(), text);
        if (!secure) {
            if (!query.isEmpty()) {
                throw new IllegalArgumentException("address '" + text + "': coap:// takes no parameters (psk-id and psk-file are for coaps://)");
            }
            return new CoapAddress(false, host, port, null, null);
        }
        for (String key : query.keySet()) {
            if (!key.equals("psk-id") && !key.equals("psk-file")) {
                throw new IllegalArgumentException("address '" + text + "': unknown parameter '" + key + "' (allowed: psk-id, psk-file)");
            }
        }
        String identity = query.get("psk-id");
        String file = query.get("psk-file");
        if (identity == null || identity.isEmpty() || file == null || file.isEmpty()) {
            throw new IllegalArgumentException("address '" + text + "': coaps:// needs ?psk-id=ID&psk-file=PATH");
        }
        return new CoapAddress(true, host, port, identity, Path.of(file));
    }

    private static Map<String, String> query(String raw, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("address '" + text + "': parameter '" + part + "' is not name=value");
            }
            String key = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
            if (out.put(key, URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException("address '" + text + "': parameter '" + key + "' is given twice");
            }
        }
        return out;
    }
}
