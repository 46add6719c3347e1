package io.onegrid.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The CA that signs gateway client certificates at claim time (docs/hub.md#gateway-certificates).
 *
 * @param certPem  the CA certificate (PEM); empty, with {@code keyPem}, means the hub's own CA in its data folder
 * @param keyPem   the CA's private key (PEM, PKCS#8 or SEC1, unencrypted)
 * @param validity how long a gateway certificate is valid from the moment it is signed
 */
public record GatewayCaSettings(Optional<Path> certPem, Optional<Path> keyPem, Duration validity) {
    /** File names of the CA the hub makes for itself in its data folder. */
    public static final String GENERATED_CERT = "gateway-ca.pem";
    public static final String GENERATED_KEY = "gateway-ca.key";

    /** The CA certificate file in force: the configured one, else {@value #GENERATED_CERT} in {@code dataDir}. */
    public Path certFile(Path dataDir) {
        return certPem.orElse(dataDir.resolve(GENERATED_CERT));
    }

    public Path keyFile(Path dataDir) {
        return keyPem.orElse(dataDir.resolve(GENERATED_KEY));
    }
}
