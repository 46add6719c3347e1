package io.onegrid.hub.store;

/**
 * What a gateway may log in with now: the hash of its password ({@code none} or null when it has none) and the SHA-256
 * fingerprint of its certificate in force (null when it has none). A connected session whose credential is neither
 * is cut (revoked or replaced).
 */
public record CredentialInForce(String secretHash, String certFingerprint) { }
