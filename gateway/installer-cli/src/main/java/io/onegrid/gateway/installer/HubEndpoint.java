package io.onegrid.gateway.installer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The hub's HTTP API base address as the installer typed it, checked: https (trusting {@code --ca} or the
 * system's CAs), or plain http for a hub on this machine only, since the claim code and the gateway's secret
 * cross this connection.
 */
public record HubEndpoint(URI base, SSLContext tls) {

    /** @throws UsageException for an address that is not http(s)://host[:port], or plain http to another machine */
    public static HubEndpoint of(String url, Path ca) throws UsageException {
        URI uri;
        try {
            uri = URI.create(url.trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--hub " + url + " is not a URL; give https://HOST[:PORT]");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new UsageException("--hub " + url + " is not an http(s) URL; give https://HOST[:PORT]");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new UsageException("--hub " + url + " is plain http to another machine: the claim code and the gateway's"
                    + " secret would cross the network readable; use https:// (plain http only for a hub on this machine)");
        }
        return new HubEndpoint(uri, ca == null ? null : trusting(ca));
    }

    /** A warning to print for plain http (loopback only), or empty. */
    public Optional<String> warning() {
        return base.getScheme().equalsIgnoreCase("http")
                ? Optional.of("warning: " + base + " is plain http; acceptable for a hub on this machine only")
                : Optional.empty();
    }

    public URI resolve(String path) {
        return URI.create(base + path);
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) return true;
        // only literal addresses: a name that resolves to loopback today may not tomorrow
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** TLS trusting only the CA certificates of a PEM file (as the hub's docs/tls.md makes them). */
    static SSLContext trusting(Path ca) throws UsageException {
        if (!Files.isReadable(ca)) throw new UsageException("--ca " + ca + " does not exist or cannot be read");
        try (InputStream in = Files.newInputStream(ca)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new UsageException("--ca " + ca + " holds no PEM certificate");
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("--ca " + ca + " is not a PEM file of CA certificates: " + e.getMessage());
        }
    }
}
