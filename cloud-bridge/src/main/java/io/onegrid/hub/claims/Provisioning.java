package io.onegrid.hub.claims;

import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.security.AttemptLimiter;
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
 * hash of the secret the gateway made for itself. Every answer but a rate-limit refusal costs exactly one PBKDF2
 * (a hash for a new gateway, a check for a re-sent request or a known id, a check against a dummy hash for every
 * refusal), so timing tells a guesser nothing. Failures are counted per claim code and per remote address, as MQTT
 * logins are per gateway id and address. Re-sending the same code, id and secret after success returns the same
 * answer, so an interrupted provisioning completes; anything else with a spent code is refused. Blocking: call from
 * a worker thread.
 */
public final class Provisioning {
    /** Failures that a guesser causes, and that count against the code and the address. */
    private static final Set<HubError> GUESSES = Set.of(HubError.CLAIM_INVALID, HubError.CLAIM_USED, HubError.CLAIM_EXPIRED,
            HubError.CLAIM_REVOKED, HubError.GATEWAY_TAKEN);

    /** What a gateway sends: the code as typed, its id (null: the hub assigns one), its new secret, its wall clock. */
    public record Request(String code, String gatewayId, String secret, Instant gatewayClock) { }

    /** The gateway's identity and place; {@code created} is false when this repeats an earlier success. */
    public record Answer(String gatewayId, String site, boolean created, long clockSkewMs) { }

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

    public Provisioning(ClaimStore claims, RegistryStore registry, PasswordHasher hasher, SecureRandom random,
                        AttemptLimiter limiter, AuthLimits limits, Duration maxSkew, Clock clock) {
        this(claims, registry, hasher::hash, hasher::verify, random, limiter, limits, maxSkew, clock);
    }

    /** @param hash a secret to its stored hash; {@code verifier} (secret, stored hash) to whether they match: the slow parts */
    Provisioning(ClaimStore claims, RegistryStore registry, Function<String, String> hash,
                 BiPredicate<String, String> verifier, SecureRandom random, AttemptLimiter limiter, AuthLimits limits,
                 Duration maxSkew, Clock clock) {
        this.claims = claims;
        this.registry = registry;
        this.hash = hash;
        this.verifier = verifier;
        this.random = random;
        this.limiter = limiter;
        this.limits = limits;
        this.maxSkew = maxSkew;
        this.clock = clock;
        this.dummyHash = hash.apply(new ClaimCodes(random).generate() + new ClaimCodes(random).generate());
    }

    public Answer provision(Request r, String remoteAddress) {
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
            throw refuse(r, HubError.CLAIM_INVALID, "no such claim code: check it is typed as shown (XXXX-XXXX-XX), or ask "
                    + "for a new one");
        }
        ClaimStore.Claim c = found.get();
        Instant now = clock.instant();
        if (c.usedAt() != null) {
            if (r.gatewayId() == null || r.gatewayId().equals(c.gatewayId())) {
                Optional<String> stored = registry.gatewaySecretHash(c.gatewayId());
                if (verifier.test(r.secret(), stored.orElse(dummyHash)) && stored.isPresent()) {
                    return new Answer(c.gatewayId(), c.site(), false, skew); // the same request again: same answer
                }
                throw new HubException(HubError.CLAIM_USED, "this claim code was used already; ask for a new one");
            }
            throw refuse(r, HubError.CLAIM_USED, "this claim code was used already; ask for a new one");
        }
        if (c.revokedAt() != null) throw refuse(r, HubError.CLAIM_REVOKED, "this claim code was revoked; ask for a new one");
        if (!now.isBefore(c.expiresAt())) {
            throw refuse(r, HubError.CLAIM_EXPIRED, "this claim code expired at " + c.expiresAt() + "; ask for a new one");
        }
        String id = r.gatewayId() != null ? r.gatewayId() : assignId();
        Optional<String> existing = registry.gatewaySecretHash(id);
        ClaimStore.ClaimOutcome outcome;
        if (existing.isPresent()) {
            if (!verifier.test(r.secret(), existing.get())) throw taken(id);
            outcome = claims.completeClaim(c.id(), id, null, existing.get());
        } else {
            outcome = claims.completeClaim(c.id(), id, hash.apply(r.secret()), null);
        }
        return switch (outcome) {
            case DONE -> new Answer(id, c.site(), true, skew);
            case GATEWAY_TAKEN -> throw taken(id);
            // a concurrent request spent it first: if that was this same gateway, this one gets the same answer
            case CLAIM_GONE -> {
                if (!firstTry) throw new HubException(HubError.CLAIM_USED, "this claim code was used already; ask for a new one");
                yield check(new Request(r.code(), id, r.secret(), r.gatewayClock()), code, skew, false);
            }
        };
    }

    private static HubException taken(String id) {
        return new HubException(HubError.GATEWAY_TAKEN, "gateway id " + id + " is registered with another secret: use "
                + "another id, or the secret it was registered with");
    }

    /** A refusal that has not run its PBKDF2 yet: run it on a dummy, so refusals cost what successes do. */
    private HubException refuse(Request r, HubError error, String message) {
        verifier.test(r.secret(), dummyHash);
        return new HubException(error, message);
    }

    /** {@code gw-} and 10 symbols of the claim-code alphabet in lower case: 50 bits, no collision in practice. */
    private String assignId() {
        return "gw-" + new ClaimCodes(random).generate().replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }
}
