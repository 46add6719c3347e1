package io.onegrid.gateway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The certificate credential's files in the configuration folder: the gateway's key (mode 0600, the service user's)
 * and its request, both stored before the request is sent, so a run cut off after the hub signed re-sends the same
 * request and gets the same certificate; then the certificate and the CA chain from the hub's answer. Each written
 * atomically ({@link PrivateFiles}).
 */
final class ClientCertificateFiles {
    static final String KEY_FILE = "hub-client.key";
    static final String CSR_FILE = "hub-client.csr";
    static final String CERT_FILE = "hub-client.crt";
    static final String CA_CHAIN_FILE = "hub-client-ca.pem";
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> PUBLIC =
            PosixFilePermissions.fromString("rw-r--r--");

    private final Path dir;
    private final PrintWriter progress;

    ClientCertificateFiles(Path dir, PrintWriter progress) {
        this.dir = dir;
        this.progress = progress;
    }

    Path key() {
        return dir.resolve(KEY_FILE);
    }

    Path certificate() {
        return dir.resolve(CERT_FILE);
    }

    /**
     * The stored request when the key and it are both there (a re-run), else a new key (stored first) and request.
     *
     * @param commonName what the request asks for; the hub writes the id it grants in any case
     */
    String request(SecureRandom random, String commonName, java.util.function.Consumer<Path> handToServiceUser)
            throws IOException {
        Path csr = dir.resolve(CSR_FILE);
        if (Files.isRegularFile(key()) && Files.isRegularFile(csr)) {
            String stored = Files.readString(csr, StandardCharsets.US_ASCII);
            if (stored.startsWith(GatewayKey.CSR_BEGIN)) {
                progress.println("using the key in " + key() + " and its request " + csr);
                return stored;
            }
        }
        GatewayKey key = GatewayKey.generate(random);
        // the key before the request: a request on disk always has its key beside it
        PrivateFiles.write(key(), key.pem().getBytes(StandardCharsets.US_ASCII), PrivateFiles.SECRET_MODE);
        handToServiceUser.accept(key());
        String request = key.csr(commonName);
        PrivateFiles.write(csr, request.getBytes(StandardCharsets.US_ASCII), PUBLIC);
        progress.println("made this gateway's EC P-256 key, stored in " + key() + " (mode 0600; it never leaves the gateway)");
        return request;
    }

    /** Writes the certificate and CA chain of the hub's answer ({@code certificate.pem}, {@code certificate.caChain}). */
    void store(JsonNode certificate) throws IOException, HubRefusedException {
        String pem = certificate.path("pem").asText("");
        String chain = certificate.path("caChain").asText("");
        if (!pem.contains("BEGIN CERTIFICATE") || !chain.contains("BEGIN CERTIFICATE")) {
            throw new HubRefusedException("the hub's answer lacks the signed certificate or its CA chain; is the hub older"
                    + " than this gateway? Provision with --credential password");
        }
        PrivateFiles.write(certificate(), pem.getBytes(StandardCharsets.US_ASCII), PUBLIC);
        PrivateFiles.write(dir.resolve(CA_CHAIN_FILE), chain.getBytes(StandardCharsets.US_ASCII), PUBLIC);
        progress.println("stored the certificate the hub signed (serial " + certificate.path("serial").asText("?")
                + ", valid until " + certificate.path("notAfter").asText("?") + ") in " + certificate());
    }
}
