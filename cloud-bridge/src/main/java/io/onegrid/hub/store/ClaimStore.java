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
        /**
         * The gateway id exists with another credential than the one expected, or, revoked, outside the claim's scope.
         */
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
     * A registered gateway's credential as provisioning read it: its stored hash ({@link RegistryStore#NO_PASSWORD} if
     * none) and the serial of its certificate in force (null if none). A completion applies only while the gateway
     * still has exactly this credential, so a revocation or renewal in between is never undone.
     */
    record Credential(String secretHash, String certSerial) {
        public Credential {
            if (secretHash == null) throw new IllegalArgumentException("a credential has a stored hash ('none' for none)");
        }

        /** No password and no certificate: an admin withdrew the gateway's credential. */
        public boolean revoked() {
            return secretHash.equals(RegistryStore.NO_PASSWORD) && certSerial == null;
        }
    }

    /**
     * Spends an open claim on a gateway, in one transaction: the claim is marked used by {@code gatewayId} and the
     * gateway is created with {@code secretHash} (when {@code expectedHash} is null: the id must be new) or, when
     * {@code expectedHash} is its stored hash and it has no certificate, kept with that secret; either way placed at the
     * claim's site.
     */
    default ClaimOutcome completeClaim(long claimId, String gatewayId, String secretHash, String expectedHash) {
        return completeClaim(claimId, gatewayId, secretHash, expectedHash == null ? null : new Credential(expectedHash, null),
                null);
    }

    /**
     * Spends an open claim on a gateway, in one transaction, and, when {@code certificate} is not null, records it as
     * the gateway's one certificate in force. With {@code expected} null the id must be new; else the gateway must
     * still have exactly that credential (else {@link ClaimOutcome#GATEWAY_TAKEN}), and a non-null {@code secretHash}
     * replaces the stored one (a certificate replacing a password stores {@link RegistryStore#NO_PASSWORD}). A revoked
     * credential proves nothing, so the claim is the only authority: its site's scope must then contain the gateway's
     * scope path (else {@link ClaimOutcome#GATEWAY_TAKEN}), so a claim for another part of the grid cannot take the id.
     */
    ClaimOutcome completeClaim(long claimId, String gatewayId, String secretHash, Credential expected,
                               GatewayCertificate certificate);
}
