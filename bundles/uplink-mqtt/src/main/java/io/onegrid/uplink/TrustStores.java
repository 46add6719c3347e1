package io.onegrid.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS socket factory for an {@code ssl://} hub from a PEM bundle or a trust store readable without password (JKS). */
final class TrustStores {
    private TrustStores() { }

    static SSLSocketFactory socketFactory(Path path) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(path));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use trust store " + path + ": " + e.getMessage(), e);
        }
    }

    static KeyStore load(Path path) throws IOException, GeneralSecurityException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(path)) {
            if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certs.isEmpty()) throw new GeneralSecurityException("no certificate in " + path);
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
                return ks;
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, null);
            if (ks.size() == 0) {
                // without a password a PKCS12 store shows no certificates (keytool encrypts them); JKS shows them
                throw new GeneralSecurityException("no certificate in it can be read without a password;"
                        + " use the CA's PEM file (.pem/.crt) or a JKS trust store");
            }
            return ks;
        }
    }
}
