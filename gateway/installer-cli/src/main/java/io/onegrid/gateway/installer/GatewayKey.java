package io.onegrid.gateway.installer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The gateway's own EC P-256 key for its client certificate, made on the gateway so the private key never leaves it,
 * and the PKCS#10 request that asks the hub to sign it. The request is one fixed structure (RFC 2986: version 0, a
 * CN, the key, no attributes, ecdsa-with-SHA256), written here with the JDK alone so the gateway jar carries no
 * crypto library for it; openssl and the hub's BouncyCastle read it in the tests. The hub takes only the key from it.
 * Provisioning stores the key and the request before sending it, and a re-run sends the same request again.
 */
public final class GatewayKey {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    static final String CSR_BEGIN = "-----BEGIN CERTIFICATE REQUEST-----";
    private static final byte[] OID_CN = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] OID_ECDSA_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};

    private final KeyPair keys;

    private GatewayKey(KeyPair keys) {
        this.keys = keys;
    }

    public static GatewayKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return new GatewayKey(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    /** The private key as unencrypted PKCS#8 PEM: to be stored with mode 0600 and never sent. */
    public String pem() {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n" + END + "\n";
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** A PEM PKCS#10 request for this key with subject CN={@code commonName}, signed by the key (proof of possession). */
    public String csr(String commonName) {
        byte[] cn = commonName.getBytes(StandardCharsets.UTF_8);
        byte[] name = der(0x30, der(0x31, der(0x30, OID_CN, der(0x0C, cn))));
        byte[] info = der(0x30, new byte[] {0x02, 0x01, 0x00}, name, keys.getPublic().getEncoded(), new byte[] {(byte) 0xA0, 0x00});
        byte[] signature;
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(keys.getPrivate());
            s.update(info);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the certificate request: " + e.getMessage(), e);
        }
        byte[] bits = new byte[signature.length + 1]; // a leading 0: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] request = der(0x30, info, der(0x30, OID_ECDSA_SHA256), der(0x03, bits));
        return CSR_BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(request)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    /** One DER element: tag, definite length, the parts' bytes in order. */
    static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
