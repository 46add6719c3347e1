package io.onegrid.gateway.config;

import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code hub:}: where the hub is, the gateway's credentials and the session timers. */
final class HubReader {
    static final List<String> KEYS = List.of("uri", "username", "password", "passwordFile", "keepAliveSeconds",
            "healthIntervalSeconds", "truststore", "certificateFile", "keyFile");
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    /** Exactly the schemes the uplink accepts: a file the loader takes must never leave the uplink unable to start. */
    static final Set<String> SCHEMES = Set.of("tcp", "ssl");

    private final Path baseDir;
    private final Problems problems;

    HubReader(Path baseDir, Problems problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    GatewayConfig.Hub read(YamlMap top) {
        YamlMap hub = top.map("hub", "hub", KEYS);
        if (hub == null) {
            if (!top.has("hub")) problems.add(top.node(), "the file needs a 'hub:' section with 'uri'");
            return null;
        }
        String uri = Values.text(hub, "uri", true);
        if (uri != null) checkUri(hub, uri);
        String username = Values.text(hub, "username", false);
        Secret password = null;
        Path passwordFile = null;
        if (hub.value("password") != null && hub.value("passwordFile") != null) {
            problems.add(hub.value("passwordFile"), "hub has both 'password' and 'passwordFile'; give only one");
        } else {
            password = inlinePassword(hub);
            passwordFile = passwordFile(hub);
        }
        Long keepAlive = Values.seconds(hub, "keepAliveSeconds", 0, 65_535);
        Long health = Values.seconds(hub, "healthIntervalSeconds", 1, 86_400);
        Path truststore = Values.path(hub, "truststore", baseDir);
        if (truststore != null && !Files.isRegularFile(truststore)) {
            problems.add(hub.value("truststore"), "hub.truststore " + truststore + " is not a readable file");
        }
        GatewayConfig.ClientCertificate cert = clientCertificate(hub, uri);
        if (cert != null && (password != null || passwordFile != null)) {
            problems.add(hub.value("certificateFile"), "hub has both a client certificate and a password; give only one"
                    + " (a gateway logs in by certificate without a password)");
            cert = null;
        }
        return new GatewayConfig.Hub(uri, username, password, passwordFile,
                keepAlive == null ? null : keepAlive.intValue(), health == null ? null : health.intValue(), truststore, cert);
    }

    /** certificateFile and keyFile, both or neither, for ssl:// only; each checked to be what it says. */
    private GatewayConfig.ClientCertificate clientCertificate(YamlMap hub, String uri) {
        Path cert = Values.path(hub, "certificateFile", baseDir);
        Path key = Values.path(hub, "keyFile", baseDir);
        if (cert == null && key == null) return null;
        if (cert == null || key == null) {
            problems.add(hub.value(cert == null ? "keyFile" : "certificateFile"), "hub.certificateFile and hub.keyFile"
                    + " go together: give both (as onegrid-gateway provision writes them) or neither");
            return null;
        }
        boolean ok = true;
        if (uri != null && !uri.startsWith("ssl://")) {
            problems.add(hub.value("certificateFile"), "hub.certificateFile needs an ssl:// hub.uri: a client certificate"
                    + " is presented in the TLS handshake");
            ok = false;
        }
        try (java.io.InputStream in = Files.newInputStream(cert)) {
            if (java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new java.security.cert.CertificateException("no certificate");
            }
        } catch (IOException | java.security.cert.CertificateException e) {
            problems.add(hub.value("certificateFile"), "hub.certificateFile " + cert + " is not a readable PEM certificate ("
                    + e.getClass().getSimpleName() + ")");
            ok = false;
        }
        try {
            if (!Files.readString(key, StandardCharsets.US_ASCII).contains(KEY_BEGIN)) {
                problems.add(hub.value("keyFile"), "hub.keyFile " + key + " is not an unencrypted PKCS#8 PEM key ("
                        + KEY_BEGIN + ")");
                ok = false;
            }
        } catch (IOException e) {
            problems.add(hub.value("keyFile"), "cannot read hub.keyFile " + key + " (" + e.getClass().getSimpleName() + ")");
            ok = false;
        }
        return ok ? new GatewayConfig.ClientCertificate(cert, key) : null;
    }

    private void checkUri(YamlMap hub, String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme()) || parsed.getHost() == null) {
                problems.add(hub.value("uri"), "hub.uri '" + uri + "' must look like tcp://host:port or "
                        + "ssl://host:port (schemes: " + String.join(", ", new TreeSet<>(SCHEMES)) + ")");
            }
        } catch (URISyntaxException e) {
            problems.add(hub.value("uri"), "hub.uri '" + uri + "' is not a URI: " + e.getReason());
        }
    }

    /** The value never appears in a problem message: only the key, the file name and the line. */
    private Secret inlinePassword(YamlMap hub) {
        Node v = hub.value("password");
        if (v == null) return null;
        if (!(v instanceof ScalarNode s) || s.getValue().isEmpty()) {
            problems.add(v, "hub.password must be a single non-empty value");
            return null;
        }
        return new Secret(s.getValue());
    }

    /**
     * Checked here so a missing or empty file stops the gateway at start like any other mistake; the content
     * is then dropped: the uplink reads the file itself, by the same rule (trailing line breaks ignored).
     */
    private Path passwordFile(YamlMap hub) {
        Path file = Values.path(hub, "passwordFile", baseDir);
        if (file == null) return null;
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (content.replaceFirst("[\\r\\n]+$", "").isEmpty()) {
                problems.add(hub.value("passwordFile"), "hub.passwordFile " + file + " is empty");
                return null;
            }
            return file;
        } catch (IOException e) {
            problems.add(hub.value("passwordFile"), "cannot read hub.passwordFile " + file + " ("
                    + e.getClass().getSimpleName() + ")");
            return null;
        }
    }
}
