package io.onegrid.hub.security;

import io.onegrid.hub.store.GatewayCertificate;
import io.onegrid.protocol.Topics;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Decides an MQTT login by client certificate. The TLS handshake already proved that the client holds the key and
 * that the gateway CA signed the certificate within its validity; what is left is ours: the CN names a registered
 * gateway, the client id (and the user name, if one is sent) is that gateway, and the certificate is the one the hub
 * issued to it last (serial and SHA-256 fingerprint), so a replaced or revoked one is refused. Blocking (a store
 * read): call from a worker thread.
 */
public final class CertificateLogin {
    /** Why a login was accepted or refused; the MQTT endpoint turns each into its CONNACK reason code. */
    public enum Outcome {
        ACCEPTED,
        /** The subject has no single CN that is a valid gateway id. */
        UNREADABLE,
        /** The client id or user name is not the certificate's gateway. */
        WRONG_GATEWAY,
        /** The gateway has no certificate in force: unknown, revoked by an admin, or a password gateway. */
        NOT_ISSUED,
        /** The gateway has another certificate in force: this one was replaced by a later provisioning. */
        REPLACED
    }

    /** @param gatewayId the certificate's CN when it could be read, else null */
    public record Result(Outcome outcome, String gatewayId) { }

    private final Function<String, Optional<GatewayCertificate>> certificates;

    /** @param certificates a gateway id to its certificate in force */
    public CertificateLogin(Function<String, Optional<GatewayCertificate>> certificates) {
        this.certificates = certificates;
    }

    public Result check(X509Certificate cert, String clientId, String username) {
        String cn = commonName(cert);
        if (cn == null || !Topics.isValidGatewayId(cn)) return new Result(Outcome.UNREADABLE, null);
        if (!cn.equals(clientId) || (username != null && !username.isEmpty() && !username.equals(cn))) {
            return new Result(Outcome.WRONG_GATEWAY, cn);
        }
        Optional<GatewayCertificate> inForce = certificates.apply(cn);
        if (inForce.isEmpty()) return new Result(Outcome.NOT_ISSUED, cn);
        String fingerprint;
        try {
            fingerprint = Fingerprints.sha256Hex(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            return new Result(Outcome.UNREADABLE, cn);
        }
        boolean same = inForce.get().serial().equals(cert.getSerialNumber().toString(16))
                && inForce.get().fingerprint().equals(fingerprint);
        return new Result(same ? Outcome.ACCEPTED : Outcome.REPLACED, cn);
    }

    /** The subject's one CN, or null when it has none or several. */
    static String commonName(X509Certificate cert) {
        RDN[] cns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) return null;
        return IETFUtils.valueToString(cns[0].getFirst().getValue());
    }
}
