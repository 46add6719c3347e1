package io.onegrid.hub.security;

import io.onegrid.hub.config.GatewayCaSettings;
import io.onegrid.hub.store.GatewayCertificate;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway CA: signs each gateway's own public key into a client certificate for MQTT over TLS (CN = gateway id,
 * EC or RSA key from the gateway's request, key usage digital signature, extended key usage clientAuth, random
 * serial). Either the CA the operator configured, or one the hub made for itself in its data folder on first start
 * (EC P-256, key file mode 0600). The CA key never leaves this object: not into logs, answers or errors.
 */
public final class GatewayCa {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCa.class);
    /** A Pi without a real-time clock may run a little behind the hub: a certificate valid "from now" could fail. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration GENERATED_CA_VALIDITY = Duration.ofDays(20 * 365);

    private final X509Certificate caCert;
    private final PrivateKey caKey;
    private final Path certFile;
    private final Duration validity;
    private final SecureRandom random;
    private final Clock clock;
    private final String caPem;

    private GatewayCa(X509Certificate caCert, PrivateKey caKey, Path certFile, Duration validity, SecureRandom random,
                      Clock clock) {
        this.caCert = caCert;
        this.caKey = caKey;
        this.certFile = certFile;
        this.validity = validity;
        this.random = random;
        this.clock = clock;
        this.caPem = pem(caCert);
    }

    /**
     * The configured CA, else the one in {@code dataDir} (made now if it does not exist yet).
     *
     * @throws IllegalStateException naming the file and what is wrong with it (never key material)
     */
    public static GatewayCa open(GatewayCaSettings settings, Path dataDir, SecureRandom random, Clock clock) {
        Path cert = settings.certFile(dataDir);
        Path key = settings.keyFile(dataDir);
        try {
            if (settings.certPem().isEmpty()) ensureGenerated(cert, key, random, clock);
            X509Certificate c = readCertificate(cert);
            PrivateKey k = readKey(key);
            if (!matches(c.getPublicKey(), k)) {
                throw new IllegalStateException("the gateway CA key " + key + " does not belong to the certificate " + cert);
            }
            if (c.getBasicConstraints() < 0) {
                throw new IllegalStateException("the gateway CA certificate " + cert + " is not a CA certificate "
                        + "(basicConstraints CA:TRUE is missing)");
            }
            return new GatewayCa(c, k, cert, settings.validity(), random, clock);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot use the gateway CA " + cert + " / " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the hub's own CA unless its certificate exists. The key is written first and the certificate last (each
     * whole, by rename), so a certificate means the CA was finished; a key alone is what a crash in between leaves,
     * nothing was signed with it, and it is replaced. A certificate without its key cannot sign and must not be
     * replaced by a new CA (which would refuse every certificate the old one signed): that stops the start.
     */
    private static void ensureGenerated(Path cert, Path key, SecureRandom random, Clock clock)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        if (!Files.exists(cert)) {
            generate(cert, key, random, clock);
            LOG.info("made a new gateway CA for client certificates: {} (its key {} is mode 0600; back both up)", cert, key);
        } else if (!Files.exists(key)) {
            throw new IllegalStateException("the gateway CA certificate " + cert + " is there but its key " + key
                    + " is missing: restore the key from the backup of both files; or, to start over with a new CA (every "
                    + "certificate gateway must then be provisioned again), move " + cert + " away");
        }
    }

    /** The CA certificate's file, for the MQTT listener's trust of client certificates. */
    public Path certFile() {
        return certFile;
    }

    /** The CA certificate in PEM: the chain a gateway gets with its certificate. */
    public String caPem() {
        return caPem;
    }

    /** Signs {@code key} for {@code gatewayId}: valid from an hour ago for the configured validity (at most the CA's). */
    public GatewayCertificate issue(String gatewayId, PublicKey key) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(caCert.getNotAfter().toInstant())) notAfter = caCert.getNotAfter().toInstant();
        BigInteger serial = new BigInteger(159, random).setBit(158); // 20 octets at most, positive, never 0
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, gatewayId).build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial, Date.from(now.minus(BACKDATE)),
                    Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(caKey)));
            return new GatewayCertificate(serial.toString(16), Fingerprints.sha256Hex(cert.getEncoded()),
                    Fingerprints.sha256Hex(key.getEncoded()), pem(cert), notAfter);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate for gateway " + gatewayId + ": " + e.getMessage(), e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA").build(key);
    }

    private static void generate(Path cert, Path key, SecureRandom random, Clock clock)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = g.generateKeyPair();
        Instant now = clock.instant();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "OneGrid")
                .addRDN(BCStyle.CN, "OneGrid gateway CA " + Long.toHexString(random.nextLong() >>> 16)).build();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(159, random).setBit(158),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(GENERATED_CA_VALIDITY)), name, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                .build(signer(pair.getPrivate()));
        StringWriter keyPem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(keyPem)) {
            w.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
        }
        // the key first: the certificate, written last, is the mark of a finished CA (see ensureGenerated)
        write(key, keyPem.toString(), "rw-------");
        write(cert, pem(new JcaX509CertificateConverter().getCertificate(holder)), "rw-r--r--");
    }

    /** Created with its final mode and renamed into place: the key is never readable by others, nor half written. */
    private static void write(Path file, String content, String mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder h)) throw new IOException(file + " holds no PEM CERTIFICATE");
            return new JcaX509CertificateConverter().getCertificate(h);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) return conv.getPrivateKey(pair.getPrivateKeyInfo());
            if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) return conv.getPrivateKey(info);
            throw new IOException(file + " holds no unencrypted PEM private key (PRIVATE KEY or EC/RSA PRIVATE KEY)");
        }
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean matches(PublicKey pub, PrivateKey key) throws GeneralSecurityException {
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "onegrid".getBytes(StandardCharsets.US_ASCII);
        java.security.Signature s = java.security.Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        java.security.Signature v = java.security.Signature.getInstance(alg);
        v.initVerify(pub);
        v.update(probe);
        return v.verify(sig);
    }

    static String pem(X509Certificate cert) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
