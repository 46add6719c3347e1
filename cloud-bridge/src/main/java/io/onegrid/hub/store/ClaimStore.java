package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Claim codes and the provisioning that spends them (the code itself is never stored, only its hash). */
public interface ClaimStore {

    /** A claim code's record; {@link #state} says whether a gateway may still use it. */
    record Claim(long id, String site, String scopePath, String createdBy, Instant createdAt, Instant expiresAt,
                 Instant usedAt, String gatewayId, Instant revokedAt, String revokedBy) {

        /** {@code open}, {@code used}, {@code revoked} or {@code expired} at {@code now}. */
        public String state(Instant now) {
            if (usedAt != null) return "used";
            if (revokedAt != null) return "revoked";
            return now.isBefore(expiresAt) ? "open" : "expired";
        }
    }

    /** What {@link #completeClaim} did. */
    enum ClaimOutcome {
        /** The claim is spent on the gateway, which exists with the given secret hash and is placed at the site. */
        DONE,
        /** The claim was used, revoked or expired meanwhile (a concurrent request won). */
        CLAIM_GONE,
        /** The gateway id exists with another secret than the one expected. */
        GATEWAY_TAKEN
    }

    /** Records a new claim for {@code site} (at {@code scopePath}) from the hash of its code. */
    Claim createClaim(String codeHash, String site, String scopePath, String createdBy, Instant expiresAt);

    /** Claims whose site is in scope, newest first. */
    List<Claim> claims(Scope scope, int limit);

    Optional<Claim> claim(long id, Scope scope);

    Optional<Claim> claimByCodeHash(String codeHash);

    /** Withdraws an open claim; false if it was used, revoked or expired already. The audit log names who. */
    boolean revokeClaim(long id, String by);

    /**
     * Spends an open claim on a gateway, in one transaction: the claim is marked used by {@code gatewayId} and the
     * gateway is created with {@code secretHash} (when {@code expectedHash} is null: the id must be new) or, when
     * {@code expectedHash} is its stored hash, kept with that secret; either way placed at the claim's site.
     */
    default ClaimOutcome completeClaim(long claimId, String gatewayId, String secretHash, String expectedHash) {
        return completeClaim(claimId, gatewayId, secretHash, expectedHash, null);
    }

    /**
     * As {@link #completeClaim(long, String, String, String)}, and, when {@code certificate} is not null, records it as
     * the gateway's one certificate in force. With {@code expectedHash} given, a non-null {@code secretHash} replaces the
     * stored one (a certificate replacing a password stores {@link RegistryStore#NO_PASSWORD}).
     */
    ClaimOutcome completeClaim(long claimId, String gatewayId, String secretHash, String expectedHash,
                               GatewayCertificate certificate);
}
