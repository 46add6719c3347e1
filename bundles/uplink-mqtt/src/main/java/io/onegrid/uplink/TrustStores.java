package io.onegrid.uplink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
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

/**
 * Builds the TLS socket factory for an {@code ssl://} hub: trust from a PEM bundle or a trust store readable without
 * password (JKS), and, for mutual TLS, the gateway's client certificate (PEM, the leaf first) with its unencrypted
 * PKCS#8 PEM key, as {@code onegrid-gateway provision} writes them.
 */
final class TrustStores {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private TrustStores() { }

    static SSLSocketFactory socketFactory(Path path) {
        return socketFactory(path, null, null);
    }

    /**
     * @param truststore  null for the JVM's trust store
     * @param certificate null for no client certificate (then {@code key} is null too)
     * @throws IllegalArgumentException naming the file and what is wrong (never key material)
     */
    static SSLSocketFactory socketFactory(Path truststore, Path certificate, Path key) {
        TrustManagerFactory tmf = null;
        if (truststore != null) {
            try {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(truststore));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot use trust store " + truststore + ": " + e.getMessage(), e);
            }
        }
        KeyManagerFactory kmf = certificate == null ? null : keyManagers(certificate, key);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManagerFactory keyManagers(Path certificate, Path key) {
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
            if (chain.length == 0) throw new GeneralSecurityException("no PEM certificate in it");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use client certificate " + certificate + ": " + e.getMessage(), e);
        }
        PrivateKey privateKey = privateKey(key, chain[0].getPublicKey().getAlgorithm());
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("gateway", privateKey, new char[0], chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            return kmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("client key " + key + " does not fit certificate " + certificate + ": "
                    + e.getMessage(), e);
        }
    }

    /** Messages name the file and the expected form, never anything of the key. */
    static PrivateKey privateKey(Path file, String algorithm) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read client key " + file + " (" + e.getClass().getSimpleName()
                    + "); it must be readable by the gateway's user alone (mode 0600)", e);
        }
        int from = text.indexOf(KEY_BEGIN);
        int to = text.indexOf(KEY_END);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("client key " + file + " is not an unencrypted PKCS#8 PEM key ("
                    + KEY_BEGIN + "); convert it with: openssl pkcs8 -topk8 -nocrypt -in OLD -out " + file);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(from + KEY_BEGIN.length(), to));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("client key " + file + " is not a readable " + algorithm + " PKCS#8 key", e);
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
