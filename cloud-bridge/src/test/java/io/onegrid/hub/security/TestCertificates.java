package io.onegrid.hub.security;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Key pairs, CAs, certificates and CSRs for tests that need what the hub's CA would never make: another CA, an expired
 * certificate, a certificate for a serial the hub did not issue, a weak or foreign key.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A CA: its key and self-signed certificate. */
    public record Ca(KeyPair keys, X509Certificate cert) {
        /** Writes ca.pem and ca.key into {@code dir}; returns the certificate's path. */
        public Path write(Path dir) throws Exception {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ca.pem"), pem(cert));
            Files.writeString(dir.resolve("ca.key"), pem(keys.getPrivate()));
            return dir.resolve("ca.pem");
        }

        /** A client certificate for {@code cn} valid in [from, to). */
        public X509Certificate sign(String cn, PublicKey key, Instant from, Instant to) throws Exception {
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(cert,
                    new BigInteger(120, RANDOM).setBit(119), Date.from(from), Date.from(to), new X500Name("CN=" + cn), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }
    }

    private TestCertificates() { }

    public static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), RANDOM);
        return g.generateKeyPair();
    }

    public static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits, RANDOM);
        return g.generateKeyPair();
    }

    public static Ca ca(String cn) throws Exception {
        KeyPair k = ec("secp256r1");
        X500Name name = new X500Name("CN=" + cn);
        X509Certificate c = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(RANDOM.nextInt(1 << 30) + 1L), Date.from(Instant.now().minusSeconds(3600)),
                Date.from(Instant.now().plusSeconds(86_400 * 30L)), name, k.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
        return new Ca(k, c);
    }

    /** A PEM PKCS#10 request for {@code keys}, signed with {@code signingKey} (pass another key to break the signature). */
    public static String csr(String cn, KeyPair keys, PrivateKey signingKey) throws Exception {
        String alg = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
                .build(new JcaContentSignerBuilder(alg).build(signingKey)));
    }

    public static String csr(String cn, KeyPair keys) throws Exception {
        return csr(cn, keys, keys.getPrivate());
    }

    /**
     * TLS presenting the client certificate {@code cert} with its PEM key (PKCS#8, as openssl and the gateway write it),
     * trusting only the CA certificates in {@code trustPem}.
     */
    public static javax.net.ssl.SSLContext clientContext(X509Certificate cert, Path keyPem, Path trustPem) throws Exception {
        return clientContext(cert, keyPem, trustPem, false);
    }

    /**
     * As {@link #clientContext(X509Certificate, Path, Path)}, but presenting {@code cert} whatever CAs the server names
     * in its certificate request, as OpenSSL clients (mosquitto_pub) do: the JDK's own key manager sends no certificate
     * when its issuer is not among them, so the server's check of a foreign certificate would never be reached.
     */
    public static javax.net.ssl.SSLContext clientContextPresenting(X509Certificate cert, Path keyPem, Path trustPem)
            throws Exception {
        return clientContext(cert, keyPem, trustPem, true);
    }

    private static javax.net.ssl.SSLContext clientContext(X509Certificate cert, Path keyPem, Path trustPem, boolean always)
            throws Exception {
        PrivateKey key;
        try (org.bouncycastle.openssl.PEMParser p = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(keyPem))) {
            key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) p.readObject());
        }
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("gw", key, new char[0], new java.security.cert.Certificate[] {cert});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        try (var in = Files.newInputStream(trustPem)) {
            for (var c : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManager[] kms = kmf.getKeyManagers();
        if (always) kms = new javax.net.ssl.KeyManager[] {new Presenting((javax.net.ssl.X509KeyManager) kms[0])};
        ctx.init(kms, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A client key manager that always chooses its one entry, {@code gw}. */
    private static final class Presenting extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509KeyManager keys;

        Presenting(javax.net.ssl.X509KeyManager keys) {
            this.keys = keys;
        }

        @Override public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return "gw";
        }

        @Override public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                                        javax.net.ssl.SSLEngine e) {
            return "gw";
        }

        @Override public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"gw"};
        }

        @Override public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return null;
        }
    }

    public static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** The CA the hub made in its data folder, to sign what it never would (expired, unissued serials). */
    public static Ca hubCa(Path dataDir) throws Exception {
        X509Certificate cert = certificate(Files.readString(dataDir.resolve("gateway-ca.pem")));
        PrivateKey key;
        try (org.bouncycastle.openssl.PEMParser p = new org.bouncycastle.openssl.PEMParser(
                Files.newBufferedReader(dataDir.resolve("gateway-ca.key")))) {
            key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) p.readObject());
        }
        return new Ca(new KeyPair(cert.getPublicKey(), key), cert);
    }

    public static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
        }
        return out.toString();
    }
}
