package io.onegrid.hub.security;

import io.onegrid.hub.store.RegistryStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a gateway's MQTT credentials against its stored PBKDF2 hash. A fleet reconnecting at once would
 * cost one slow PBKDF2 per gateway, so after a success the pair (stored hash, HMAC of the password under
 * a key that exists only in this process's memory) is remembered: the next connect with the same
 * password is a fast constant-time compare, and a changed stored hash invalidates it.
 *
 * <p>Every failure costs one full PBKDF2, whether the id is unknown or has no password (certificate only, or
 * revoked: both checked against a dummy hash), known without a remembered password, or known with a remembered one that does not match: how long a refusal
 * takes reveals neither which ids exist nor which have connected before. Only a right password can be
 * fast, and it tells its sender nothing new. Blocking: call from a worker thread.
 */
public final class GatewayAuthenticator {
    private record Verified(String storedHash, byte[] mac) { }

    private final Function<String, Optional<String>> secretHashes;
    private final BiPredicate<String, String> verifier;
    private final String dummyHash;
    private final byte[] key = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** @param secretHashes the stored hash of a gateway id, empty if the id is not registered */
    public GatewayAuthenticator(Function<String, Optional<String>> secretHashes, PasswordHasher hasher, SecureRandom random) {
        this(secretHashes, hasher::verify, hasher.hash(new Secrets(random).password(24)), random);
    }

    /** @param verifier (password, stored hash) to whether they match: the slow check */
    GatewayAuthenticator(Function<String, Optional<String>> secretHashes, BiPredicate<String, String> verifier,
                         String dummyHash, SecureRandom random) {
        this.secretHashes = secretHashes;
        this.verifier = verifier;
        this.dummyHash = dummyHash;
        random.nextBytes(key);
    }

    public boolean authenticate(String gatewayId, String password) {
        return verifiedHash(gatewayId, password).isPresent();
    }

    /** The stored hash {@code password} was verified against, empty when it is not the gateway's password. */
    public Optional<String> verifiedHash(String gatewayId, String password) {
        if (gatewayId == null || password == null) return Optional.empty();
        Optional<String> stored = secretHashes.apply(gatewayId);
        // no password matches the no-password marker, but a fast refusal would tell which ids are certificate-only or
        // revoked: pay the same check as for an unknown id
        if (stored.isEmpty() || stored.get().equals(RegistryStore.NO_PASSWORD)) {
            verifier.test(password, dummyHash); // same cost as a known id: do not reveal which ids exist
            return Optional.empty();
        }
        byte[] mac = mac(password);
        Verified v = verified.get(gatewayId);
        if (v != null && v.storedHash().equals(stored.get()) && MessageDigest.isEqual(v.mac(), mac)) {
            return stored;
        }
        if (!verifier.test(password, stored.get())) return Optional.empty();
        verified.put(gatewayId, new Verified(stored.get(), mac));
        return stored;
    }

    private byte[] mac(String password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
