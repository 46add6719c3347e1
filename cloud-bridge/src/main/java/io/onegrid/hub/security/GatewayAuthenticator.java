package io.onegrid.hub.security;

import io.onegrid.hub.store.HubStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a gateway's MQTT credentials against its stored PBKDF2 hash. A fleet reconnecting at once would
 * cost one slow PBKDF2 per gateway, so after a success the pair (stored hash, HMAC of the password under
 * a key that exists only in this process's memory) is remembered: the next connect with the same
 * password is a fast constant-time compare, and a changed stored hash invalidates it. Blocking: call from
 * a worker thread.
 */
public final class GatewayAuthenticator {
    private record Verified(String storedHash, byte[] mac) { }

    private final HubStore store;
    private final PasswordHasher hasher;
    private final byte[] key = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final String dummyHash;

    public GatewayAuthenticator(HubStore store, PasswordHasher hasher, SecureRandom random) {
        this.store = store;
        this.hasher = hasher;
        random.nextBytes(key);
        this.dummyHash = hasher.hash(new Secrets(random).password(24));
    }

    public boolean authenticate(String gatewayId, String password) {
        if (gatewayId == null || password == null) return false;
        Optional<String> stored = store.gatewaySecretHash(gatewayId);
        if (stored.isEmpty()) {
            hasher.verify(password, dummyHash); // same cost as a known id: do not reveal which ids exist
            return false;
        }
        byte[] mac = mac(password);
        Verified v = verified.get(gatewayId);
        if (v != null && v.storedHash().equals(stored.get())) {
            return MessageDigest.isEqual(v.mac(), mac);
        }
        if (!hasher.verify(password, stored.get())) return false;
        verified.put(gatewayId, new Verified(stored.get(), mac));
        return true;
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
