package io.onegrid.hub.security;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Checks a gateway's certificate signing request before anything is spent: one PEM PKCS#10 request, signed by the
 * key it carries (proof that the gateway holds the private key), for an EC P-256 or P-384 key or an RSA key of at
 * least 2048 bits. Every refusal is {@link HubError#CSR_INVALID} with a sentence saying what is wrong.
 */
public final class CsrCheck {
    /** Far above a P-384 or RSA-4096 request in PEM; bounds what the parser is given. */
    public static final int MAX_PEM_CHARS = 8192;
    static final int MIN_RSA_BITS = 2048;
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);

    private CsrCheck() { }

    public static CertificateRequest check(String pem) {
        if (pem.length() > MAX_PEM_CHARS) throw bad("it is longer than " + MAX_PEM_CHARS + " characters");
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
            if (parsed != null && parser.readObject() != null) throw bad("it holds more than one PEM object");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw bad("it is not PEM (" + e.getMessage() + ")");
        }
        if (parsed == null) throw bad("it holds no PEM block");
        if (!(parsed instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest raw)) {
            throw bad("its PEM block is a " + parsed.getClass().getSimpleName() + ", not a CERTIFICATE REQUEST");
        }
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(raw);
        PublicKey key;
        try {
            String type = acceptableKey(csr.getSubjectPublicKeyInfo().getAlgorithm());
            // by name: the JDK has no key factory registered under the algorithm's OID
            key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw bad("its RSA key has " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " are needed");
            }
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw bad("its signature does not verify with the key it carries");
            }
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | IOException
                 | IllegalArgumentException e) {
            throw bad("its key or signature cannot be read (" + e.getMessage() + ")");
        }
        return new CertificateRequest(key, Fingerprints.sha256Hex(key.getEncoded()));
    }

    /** The JCA name of an acceptable key's type. */
    private static String acceptableKey(AlgorithmIdentifier alg) {
        if (alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!(alg.getParameters() instanceof ASN1ObjectIdentifier curve) || !CURVES.contains(curve)) {
                throw bad("its EC key is not on curve P-256 or P-384");
            }
            return "EC";
        }
        if (!alg.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
            throw bad("its key type " + alg.getAlgorithm() + " is not EC (P-256, P-384) or RSA");
        }
        return "RSA";
    }

    private static HubException bad(String why) {
        return new HubException(HubError.CSR_INVALID, "'csr' is not a usable certificate signing request: " + why
                + "; send the PEM PKCS#10 request the gateway made with its own EC P-256 key");
    }
}
