package io.onegrid.hub.security;

import java.security.PublicKey;

/**
 * A gateway's checked PKCS#10 request: only its public key is used. The subject it asked for is not: the hub writes
 * the gateway id it grants (a gateway that lets the hub assign its id cannot know it when it makes the request).
 *
 * @param keyHash SHA-256 of the key's SubjectPublicKeyInfo, lower-case hex
 */
public record CertificateRequest(PublicKey publicKey, String keyHash) { }
