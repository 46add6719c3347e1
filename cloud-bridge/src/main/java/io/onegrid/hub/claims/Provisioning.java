package io.onegrid.hub.claims;

import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.CertificateRequest;
import io.onegrid.hub.store.GatewayCertificate;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.store.ClaimStore;
import io.onegrid.hub.store.RegistryStore;
import io.onegrid.profile.Durations;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A gateway spends a claim code on its identity: the hub places it at the claim's site and keeps only the PBKDF2
 * hash of the secret the gateway made for itself, or, when the gateway sent a certificate signing request, signs its
 * public key with the gateway CA and keeps that certificate as the gateway's one credential (the password, if it had
 * one, is dropped: one credential at a time). An existing gateway id is given to a request that proves it is that
 * gateway: the stored secret, or a request for the key of its certificate in force (a CSR is signed by its key); or,
 * once an admin revoked its credential, to a claim whose site's scope contains the gateway's scope path (the claim is
 * then the only authority, so an installer elsewhere in the grid cannot take the id). The store completes a claim only
 * while the credential is still the one read here, so a revocation is never lost to a concurrent renewal. Every answer
 * but a rate-limit refusal costs exactly one PBKDF2 (a hash for a new secret, a check for a re-sent request or a known
 * id, a check against a dummy hash for every refusal and for a certificate without a secret to hash), so timing tells a
 * guesser nothing; only a request that loses a race for its code to a concurrent one pays a second check. Failures are
 * counted per claim code and per remote address, as MQTT logins are per gateway id and address. Re-sending the same
 * code, id and secret after success returns the same answer, so an interrupted provisioning completes; anything else
 * with a spent code is refused. Blocking: call from a worker thread.
 */
public final class Provisioning {
    /** Failures that a guesser causes, and that count against the code and the address. */
    private static final Set<HubError> GUESSES = Set.of(HubError.CLAIM_INVALID, HubError.CLAIM_USED, HubError.CLAIM_EXPIRED,
            HubError.CLAIM_REVOKED, HubError.GATEWAY_TAKEN);

    /**
     * What a gateway sends: the code as typed, its id (null: the hub assigns one), its new secret and/or its checked
     * certificate request (at least one of them), its wall clock.
     */
    public record Request(String code, String gatewayId, String secret, CertificateRequest csr, Instant gatewayClock) {
        public Request(String code, String gatewayId, String secret, Instant gatewayClock) {
            this(code, gatewayId, secret, null, gatewayClock);
        }
    }

    /**
     * The gateway's identity and place; {@code created} is false when this repeats an earlier success;
     * {@code certificate} is the one signed for the request's key (null when it sent no CSR).
     */
    public record Answer(String gatewayId, String site, boolean created, long clockSkewMs, GatewayCertificate certificate) {
        public Answer(String gatewayId, String site, boolean created, long clockSkewMs) {
            this(gatewayId, site, created, clockSkewMs, null);
        }
    }

    /** Signs a public key for a gateway id; null when the hub cannot take certificates (no MQTT TLS). */
    public interface Signer {
        GatewayCertificate issue(String gatewayId, java.security.PublicKey key);
    }

    private final ClaimStore claims;
    private final RegistryStore registry;
    private final Function<String, String> hash;
    private final BiPredicate<String, String> verifier;
    private final SecureRandom random;
    private final AttemptLimiter limiter;
    private final AuthLimits limits;
    private final Duration maxSkew;
    private final Clock clock;
    private final String dummyHash;
    private final String dummySecret;
    private final Signer signer;

    public Provisioning(ClaimStore claims, RegistryStore registry, PasswordHasher hasher, SecureRandom random,
                        AttemptLimiter limiter, AuthLimits limits, Duration maxSkew, Clock clock) {
        this(claims, registry, hasher, random, limiter, limits, maxSkew, clock, null);
    }

    /** @param signer the gateway CA, or null when the hub takes no certificates (its MQTT listener has no TLS) */
    public Provisioning(ClaimStore claims, RegistryStore registry, PasswordHasher hasher, SecureRandom random,
                        AttemptLimiter limiter, AuthLimits limits, Duration maxSkew, Clock clock, Signer signer) {
        this(claims, registry, hasher::hash, hasher::verify, random, limiter, limits, maxSkew, clock, signer);
    }

    /** @param hash a secret to its stored hash; {@code verifier} (secret, stored hash) to whether they match: the slow parts */
    Provisioning(ClaimStore claims, RegistryStore registry, Function<String, String> hash,
                 BiPredicate<String, String> verifier, SecureRandom random, AttemptLimiter limiter, AuthLimits limits,
                 Duration maxSkew, Clock clock, Signer signer) {
        this.signer = signer;
        this.claims = claims;
        this.registry = registry;
        this.hash = hash;
        this.verifier = verifier;
        this.random = random;
        this.limiter = limiter;
        this.limits = limits;
        this.maxSkew = maxSkew;
        this.clock = clock;
        this.dummySecret = new ClaimCodes(random).generate() + new ClaimCodes(random).generate();
        this.dummyHash = hash.apply(dummySecret + "x");
    }

    /** Whether a CSR can be answered: the hub has a gateway CA and an MQTT listener with TLS. */
    public boolean takesCertificates() {
        return signer != null;
    }

    public Answer provision(Request r, String remoteAddress) {
        if (r.secret() == null && r.csr() == null) throw new IllegalArgumentException("a request needs a secret or a CSR");
        if (r.csr() != null && signer == null) {
            throw new HubException(HubError.CERTIFICATE_NEEDS_TLS, "this hub's MQTT listener has no TLS, so gateways log in "
                    + "with passwords only: provision with --credential password, or give the hub --mqtt-tls-cert and "
                    + "--mqtt-tls-key (docs/tls.md)");
        }
        Optional<String> code = ClaimCodes.normalise(r.code());
        AttemptLimiter.Limit[] keys = {
            new AttemptLimiter.Limit("claim\0" + code.orElse(r.code()), limits.maxFailures(), true),
            new AttemptLimiter.Limit("addr\0" + remoteAddress, limits.maxFailuresPerAddress(), false)};
        AttemptLimiter.Attempt attempt = limiter.begin(keys).orElseThrow(() -> {
            long s = Math.max(1, (limiter.retryAfter(keys).toMillis() + 999) / 1000);
            return new HubException(HubError.RATE_LIMITED, "too many failed provisioning attempts; try again in "
                    + Durations.format(Duration.ofSeconds(s)), Map.of("retryAfterS", s));
        });
        try {
            long skew = r.gatewayClock().toEpochMilli() - clock.millis();
            if (Math.abs(skew) > maxSkew.toMillis()) {
                attempt.abandoned();
                throw new HubException(HubError.CLOCK_SKEW, "the gateway's clock is " + Durations.format(
                        Duration.ofMillis(Math.abs(skew))) + (skew < 0 ? " behind" : " ahead of") + " the hub's (at most "
                        + Durations.format(maxSkew) + " allowed): set its clock (NTP) and try again",
                        Map.of("skewMs", skew, "maxSkewMs", maxSkew.toMillis()));
            }
            Answer a = check(r, code, skew, true);
            attempt.succeeded();
            return a;
        } catch (HubException e) {
            if (GUESSES.contains(e.error())) attempt.failed(); else attempt.abandoned();
            throw e;
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
    }

    private Answer check(Request r, Optional<String> code, long skew, boolean firstTry) {
        Optional<ClaimStore.Claim> found = code.flatMap(c -> claims.claimByCodeHash(ClaimCodes.hash(c)));
        if (found.isEmpty()) {
            throw refuse(HubError.CLAIM_INVALID, "no such claim code: check it is typed as shown (XXXX-XXXX-XX), or ask "
                    + "for a new one");
        }
        ClaimStore.Claim c = found.get();
        Instant now = clock.instant();
        if (c.usedAt() != null) {
            boolean sameId = r.gatewayId() == null || r.gatewayId().equals(c.gatewayId());
            Optional<Stored> stored = sameId ? stored(c.gatewayId()) : Optional.empty();
            if (stored.isEmpty()) throw refuse(HubError.CLAIM_USED, "this claim code was used already; ask for a new one");
            if (proves(r, stored.get())) {
                // the same request again: the same answer, with the certificate signed the first time
                return new Answer(c.gatewayId(), c.site(), false, skew, r.csr() == null ? null : stored.get().certificate());
            }
            throw new HubException(HubError.CLAIM_USED, "this claim code was used already; ask for a new one");
        }
        if (c.revokedAt() != null) throw refuse(HubError.CLAIM_REVOKED, "this claim code was revoked; ask for a new one");
        if (!now.isBefore(c.expiresAt())) {
            throw refuse(HubError.CLAIM_EXPIRED, "this claim code expired at " + c.expiresAt() + "; ask for a new one");
        }
        String id = r.gatewayId() != null ? r.gatewayId() : assignId();
        Optional<Stored> existing = stored(id);
        GatewayCertificate cert = r.csr() == null ? null : signer.issue(id, r.csr().publicKey());
        ClaimStore.ClaimOutcome outcome;
        if (existing.isPresent() && !existing.get().credential().revoked()) {
            Stored e = existing.get();
            if (!proves(r, e)) throw taken(id);
            // a new certificate replaces the password; a password proved keeps the stored hash
            outcome = claims.completeClaim(c.id(), id, cert != null ? RegistryStore.NO_PASSWORD : null, e.credential(), cert);
        } else {
            // a new id, or a revoked one (which the store gives only to a claim for the gateway's part of the grid)
            outcome = claims.completeClaim(c.id(), id, newSecretHash(r, cert),
                    existing.map(Stored::credential).orElse(null), cert);
        }
        return switch (outcome) {
            case DONE -> new Answer(id, c.site(), true, skew, cert);
            case GATEWAY_TAKEN -> throw taken(id);
            // a concurrent request spent it first: if that was this same gateway, this one gets the same answer
            case CLAIM_GONE -> {
                if (!firstTry) throw new HubException(HubError.CLAIM_USED, "this claim code was used already; ask for a new one");
                yield check(new Request(r.code(), id, r.secret(), r.csr(), r.gatewayClock()), code, skew, false);
            }
        };
    }

    /** A registered gateway's credentials: its secret hash ({@link RegistryStore#NO_PASSWORD} if none) and certificate. */
    private record Stored(String secretHash, GatewayCertificate certificate) {
        ClaimStore.Credential credential() {
            return new ClaimStore.Credential(secretHash, certificate == null ? null : certificate.serial());
        }
    }

    /**
     * The stored hash of a gateway that proves nothing yet (a new or a revoked id): the hash of its new secret, or, with
     * a certificate, none, after a check on a dummy as costly as that hash. Exactly one PBKDF2 either way.
     */
    private String newSecretHash(Request r, GatewayCertificate cert) {
        if (cert == null) return hash.apply(r.secret());
        verifier.test(dummySecret, dummyHash);
        return RegistryStore.NO_PASSWORD;
    }

    private Optional<Stored> stored(String gatewayId) {
        return registry.gatewaySecretHash(gatewayId)
                .map(h -> new Stored(h, registry.gatewayCertificate(gatewayId).orElse(null)));
    }

    /**
     * Whether the request comes from the registered gateway: its secret matches the stored hash, or it asks for the key
     * of the certificate in force (the CSR's signature proved it holds that key). Always exactly one PBKDF2.
     */
    private boolean proves(Request r, Stored s) {
        boolean secret = r.secret() != null && !s.secretHash().equals(RegistryStore.NO_PASSWORD);
        boolean secretOk = verifier.test(secret ? r.secret() : dummySecret, secret ? s.secretHash() : dummyHash) && secret;
        boolean keyOk = r.csr() != null && s.certificate() != null && java.security.MessageDigest.isEqual(
                r.csr().keyHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                s.certificate().keyHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return secretOk || keyOk;
    }

    private static HubException taken(String id) {
        // one message for both causes, so that a refusal does not tell where a gateway is
        return new HubException(HubError.GATEWAY_TAKEN, "gateway id " + id + " is registered with another credential or "
                + "in another part of the grid: use another id, or the secret or certificate key it was registered with (an "
                + "admin can revoke its credential, DELETE /api/gateways/" + id + "/credential, and a claim for its site "
                + "then provisions it again)");
    }

    /** A refusal that has not run its PBKDF2 yet: run it on a dummy, so refusals cost what successes do. */
    private HubException refuse(HubError error, String message) {
        verifier.test(dummySecret, dummyHash);
        return new HubException(error, message);
    }

    /** {@code gw-} and 10 symbols of the claim-code alphabet in lower case: 50 bits, no collision in practice. */
    private String assignId() {
        return "gw-" + new ClaimCodes(random).generate().replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }
}
