package io.onegrid.hub.store;

import java.time.Instant;

/**
 * The client certificate the hub signed for a gateway, as the registry keeps it: only this serial logs in as the
 * gateway; a new one (re-provisioning) or none (an admin revoked the credential) refuses every older certificate.
 *
 * @param serial      the certificate's serial number, lower-case hex
 * @param fingerprint SHA-256 of the DER certificate, lower-case hex
 * @param keyHash     SHA-256 of the gateway's public key (SubjectPublicKeyInfo), hex: a re-sent CSR with this key
 *                    proves it comes from the gateway that holds the private key
 * @param pem         the certificate itself, answered again to a repeated provisioning request
 * @param notAfter    end of its validity
 */
public record GatewayCertificate(String serial, String fingerprint, String keyHash, String pem, Instant notAfter) { }
