package io.onegrid.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a CoAP device is: {@code coap://host[:port]} (port 5683), or {@code coaps://host[:port]?psk-id=ID&psk-file=PATH}
 * (port 5684) for DTLS with a pre-shared key; an IPv6 host goes in brackets ({@code coap://[::1]:5683}). The profile's
 * channels give the resource paths, so an address carries no path. The one parser of this syntax: the configuration
 * file's checks, the probe and the CoAP driver all read addresses with it, so what the file accepts the driver can use.
 *
 * @param pskIdentity the PSK identity (coaps only), null for coap
 * @param pskFile     the file holding the key in hex (coaps only) as written, relative to the working directory; null
 *                    for coap. Never read here: its content is a secret.
 */
public record CoapAddress(boolean secure, String host, int port, String pskIdentity, Path pskFile) {
    public static final int COAP_PORT = 5683;
    public static final int COAPS_PORT = 5684;
    /** The allowed forms, for messages. */
    public static final String FORMS = "coap://host[:port], or coaps://host[:port]?psk-id=ID&psk-file=PATH for DTLS with"
            + " a pre-shared key";
    private static final String PSK_ID = "psk-id";
    private static final String PSK_FILE = "psk-file";

    /** The address as a base URI for requests (the PSK parameters left out: they are not part of a request). */
    public String baseUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (secure ? "coaps" : "coap") + "://" + h + ":" + port;
    }

    @Override
    public String toString() {
        return baseUri();
    }

    /**
     * Parses a device address.
     *
     * @throws IllegalArgumentException whose message names the address, says what is wrong and what is allowed
     */
    public static CoapAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no address: expected " + FORMS);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused(text, "must be a CoAP URI (" + FORMS + "); " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        boolean secure = "coaps".equalsIgnoreCase(scheme);
        if (!secure && !"coap".equalsIgnoreCase(scheme)) {
            throw refused(text, "must be a CoAP URI (" + FORMS + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(text, "takes no user@ part; a coaps:// device's key goes in psk-file (" + FORMS + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw refused(text, "has no host, or one that is not a host name or IP address (" + FORMS + ")");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // java.net.URI takes any digits as a port
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("port " + uri.getPort() + " in address is out of range 1..65535");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawFragment() != null) {
            throw refused(text, "must name only the device; the profile's channels give the resource paths (" + FORMS + ")");
        }
        int port = uri.getPort() < 0 ? (secure ? COAPS_PORT : COAP_PORT) : uri.getPort();
        if (!secure) {
            if (uri.getRawQuery() != null) {
                throw refused(text, "takes no query; psk-id and psk-file are for coaps://");
            }
            return new CoapAddress(false, host, port, null, null);
        }
        Map<String, String> params = pskParameters(text, uri.getRawQuery());
        Path file;
        try {
            file = Path.of(params.get(PSK_FILE));
        } catch (InvalidPathException e) {
            throw refused(text, "psk-file '" + params.get(PSK_FILE) + "' is not a valid path");
        }
        return new CoapAddress(true, host, port, params.get(PSK_ID), file);
    }

    private static Map<String, String> pskParameters(String text, String raw) {
        String form = "must end in ?psk-id=ID&psk-file=PATH (both, once each, nothing else)";
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw refused(text, form + ": '" + pair + "' is not name=value");
            }
            String key = decode(pair.substring(0, eq));
            if (!key.equals(PSK_ID) && !key.equals(PSK_FILE)) {
                throw refused(text, form + ": unknown parameter '" + key + "'");
            }
            if (params.put(key, decode(pair.substring(eq + 1))) != null) {
                throw refused(text, form + ": parameter '" + key + "' is given twice");
            }
        }
        if (params.size() != 2) {
            String missing = params.isEmpty() ? "psk-id and psk-file are" : params.containsKey(PSK_ID) ? "psk-file is" : "psk-id is";
            throw refused(text, form + ": " + missing + " missing");
        }
        return params;
    }

    /**
     * Percent-decoding only: a '+' in a file name stays a '+' (this is a URI, not a form). java.net.URI has already
     * refused a malformed escape.
     */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException refused(String text, String why) {
        return new IllegalArgumentException("address '" + text + "' " + why);
    }
}
