package io.onegrid.protocol;

/**
 * What is wrong with a message, as a stable code. Which MQTT 5 PUBACK reason code the hub answers each with,
 * and whether the gateway is meant to retry, is one table on the hub side (cloud-bridge {@code ReasonCodes},
 * documented in docs/protocol.md); {@link #isRetryableReasonCode} is how the gateway reads those codes, and
 * the hub's tests check the two agree.
 */
public enum ProtocolError {
    /** Not JSON, or JSON nested or sized beyond the limits. */
    MALFORMED,
    /** A required field is missing or has the wrong type or range (including a version {@code v} below 1). */
    INVALID_FIELD,
    /**
     * A well-formed envelope version {@code v} this side does not speak (yet): the other side may be upgraded,
     * so this says "not now" about the message rather than "never".
     */
    UNSUPPORTED_VERSION,
    /** Kind not known. */
    UNKNOWN_KIND,
    /** Topic outside og/v1/gw/{id}/... */
    BAD_TOPIC,
    /** Topic or envelope names another gateway than the session's. */
    NOT_AUTHORIZED,
    /** Payload larger than the hub accepts. */
    TOO_LARGE,
    /** The hub could not store the message now (database busy, disk full, queue full, stopping). */
    UNAVAILABLE;

    /**
     * How a gateway reads a PUBACK reason code: below 0x80 the message was delivered; 0x80 (Unspecified error:
     * the hub cannot take it now, e.g. a newer envelope version) and 0x97 (Quota exceeded: the hub cannot store
     * now) are worth a retry with backoff, as is 0x89 (Server busy), which a server may send although MQTT 5 does
     * not list it for PUBACK. Every other code says the message itself will not be accepted: set it aside.
     */
    public static boolean isRetryableReasonCode(int reasonCode) {
        return reasonCode < 0x80 || reasonCode == 0x97 || reasonCode == 0x80 || reasonCode == 0x89;
    }
}
