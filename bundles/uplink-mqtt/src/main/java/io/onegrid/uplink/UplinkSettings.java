package io.onegrid.uplink;

import io.onegrid.protocol.Topics;
import java.net.URI;
import java.util.Locale;

/**
 * How the uplink reaches the hub. {@link #toString()} never shows the password.
 *
 * @param truststorePath PEM file of CA certificates (.pem/.crt/.cer) or a JKS trust store (read without
 *                       password), for {@code ssl://} hubs; blank = the JVM's default trust store
 * @param certificatePath PEM client certificate for mutual TLS ({@code ssl://} only); blank = none. With it the
 *                        gateway logs in by certificate and sends no password
 * @param keyPath        the certificate's unencrypted PKCS#8 PEM key; blank exactly when certificatePath is
 * @param maxAttempts    failed publishes of one message in a row (it could not be queued, or no PUBACK came while
 *                       it was the head of the line) after which it is held back behind the others for a delay
 *                       of its own; never quarantined (see OutboxDrainer)
 */
public record UplinkSettings(String gatewayId, String hubUri, String username, String password,
                             int keepAliveSeconds, int healthIntervalSeconds, String truststorePath,
                             int maxInFlight, long sessionExpirySeconds, int maxAttempts, String certificatePath,
                             String keyPath) {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** Without a client certificate (password or no authentication). */
    public UplinkSettings(String gatewayId, String hubUri, String username, String password, int keepAliveSeconds,
                          int healthIntervalSeconds, String truststorePath, int maxInFlight, long sessionExpirySeconds,
                          int maxAttempts) {
        this(gatewayId, hubUri, username, password, keepAliveSeconds, healthIntervalSeconds, truststorePath, maxInFlight,
                sessionExpirySeconds, maxAttempts, "", "");
    }

    public UplinkSettings {
        if (!Topics.isValidGatewayId(gatewayId)) {
            throw new IllegalArgumentException("uplink gatewayId '" + gatewayId + "' must match " + Topics.GATEWAY_ID_PATTERN);
        }
        if (hubUri == null || !(hubUri.startsWith("tcp://") || hubUri.startsWith("ssl://"))) {
            throw new IllegalArgumentException("uplink hubUri must start with tcp:// or ssl://, got '" + hubUri + "'");
        }
        try {
            URI u = URI.create(hubUri);
            if (u.getHost() == null) throw new IllegalArgumentException("no host");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uplink hubUri '" + hubUri + "' is not host:port: " + e.getMessage(), e);
        }
        username = username == null || username.isBlank() ? gatewayId : username;
        password = password == null ? "" : password;
        if (keepAliveSeconds < 0) throw new IllegalArgumentException("uplink keepAliveSeconds must be >= 0");
        if (healthIntervalSeconds < 1) throw new IllegalArgumentException("uplink healthIntervalSeconds must be >= 1");
        if (maxInFlight < 1 || maxInFlight > 65_535) throw new IllegalArgumentException("uplink maxInFlight must be 1..65535");
        if (sessionExpirySeconds < 0) throw new IllegalArgumentException("uplink sessionExpirySeconds must be >= 0");
        if (maxAttempts < 1) throw new IllegalArgumentException("uplink maxAttempts must be >= 1");
        truststorePath = truststorePath == null ? "" : truststorePath.trim();
        certificatePath = certificatePath == null ? "" : certificatePath.trim();
        keyPath = keyPath == null ? "" : keyPath.trim();
        if (certificatePath.isEmpty() != keyPath.isEmpty()) {
            throw new IllegalArgumentException("uplink certificatePath and keyPath go together: give both or neither");
        }
        if (!certificatePath.isEmpty() && !hubUri.toLowerCase(Locale.ROOT).startsWith("ssl://")) {
            throw new IllegalArgumentException("uplink certificatePath needs an ssl:// hubUri (a client certificate is"
                    + " presented in the TLS handshake), got '" + hubUri + "'");
        }
    }

    /** Whether the session logs in by client certificate. */
    public boolean clientCertificate() {
        return !certificatePath.isEmpty();
    }

    public boolean tls() {
        return hubUri.toLowerCase(Locale.ROOT).startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "UplinkSettings[gatewayId=" + gatewayId + ", hubUri=" + hubUri + ", username=" + username
                + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + ", keepAliveSeconds=" + keepAliveSeconds
                + ", healthIntervalSeconds=" + healthIntervalSeconds + ", truststorePath=" + truststorePath
                + ", maxInFlight=" + maxInFlight + ", sessionExpirySeconds=" + sessionExpirySeconds
                + ", maxAttempts=" + maxAttempts + (clientCertificate() ? ", certificatePath=" + certificatePath
                + ", keyPath=" + keyPath : "") + "]";
    }
}
