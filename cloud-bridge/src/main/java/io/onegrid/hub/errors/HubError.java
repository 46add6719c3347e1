package io.onegrid.hub.errors;

import java.util.Locale;

/**
 * Every error the hub reports to a caller: a stable code (the JSON {@code error} field) and its HTTP status.
 * HTTP responses are made from it in one place (http.ErrorResponses).
 */
public enum HubError {
    BAD_REQUEST(400),
    MALFORMED_JSON(400),
    INVALID_GRID(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    /** The case's stage does not allow the action; details name the stage and the allowed actions. */
    STAGE_CONFLICT(409),
    /** The case changed since the version the caller acted on. */
    VERSION_CONFLICT(409),
    /** A gateway's wall clock is too far off the hub's to provision; details: {@code skewMs}, {@code maxSkewMs}. */
    CLOCK_SKEW(400),
    /** No claim code like this one exists (mistyped, or never made). */
    CLAIM_INVALID(403),
    /** The gateway id is registered with another secret. */
    GATEWAY_TAKEN(409),
    /** The claim code was used by another gateway (or with another secret). */
    CLAIM_USED(410),
    /** The claim code expired unused. */
    CLAIM_EXPIRED(410),
    /** The claim code was revoked by an installer or admin. */
    CLAIM_REVOKED(410),
    /** The provisioning request's {@code csr} cannot be used (not PEM PKCS#10, bad signature, weak key); nothing is spent. */
    CSR_INVALID(400),
    /** A certificate was asked for, but the hub's MQTT listener has no TLS, so it could not take client certificates. */
    CERTIFICATE_NEEDS_TLS(400),
    PAYLOAD_TOO_LARGE(413),
    /** Too many failed attempts; details: {@code retryAfterS}, also sent as the Retry-After header. */
    RATE_LIMITED(429),
    INTERNAL(500),
    UNAVAILABLE(503),
    GATEWAY_TIMEOUT(504);

    private final int httpStatus;

    HubError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code as it appears in error bodies, e.g. {@code malformed_json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
