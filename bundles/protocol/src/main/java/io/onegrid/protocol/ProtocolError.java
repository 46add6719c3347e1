package io.onegrid.protocol;

/**
 * What is wrong with a message, as a stable code. The hub translates each code to one MQTT 5 reason
 * code in one place ({@link #mqttReasonCode()}), so gateways can tell "retry later" from "never retry".
 */
public enum ProtocolError {
    /** Not JSON, or JSON nested or sized beyond the limits. MQTT 0x99 Payload format invalid. */
    MALFORMED(0x99, false),
    /** A required field is missing or has the wrong type or range. MQTT 0x99. */
    INVALID_FIELD(0x99, false),
    /** Envelope version this hub does not speak. MQTT 0x99. */
    UNSUPPORTED_VERSION(0x99, false),
    /** Kind not known. MQTT 0x90 Topic name invalid. */
    UNKNOWN_KIND(0x90, false),
    /** Topic outside og/v1/gw/{id}/... MQTT 0x90 Topic name invalid. */
    BAD_TOPIC(0x90, false),
    /** Topic or envelope names another gateway than the session's. MQTT 0x87 Not authorized. */
    NOT_AUTHORIZED(0x87, false),
    /**
     * Payload larger than the hub accepts. MQTT 0x83 Implementation specific error: a PUBACK may not carry
     * 0x95 Packet too large (that code exists only in CONNACK and DISCONNECT, MQTT 5.0 section 3.4.2.1).
     */
    TOO_LARGE(0x83, false),
    /** The hub could not store the message now (database busy, disk full): retry later. MQTT 0x97 Quota exceeded. */
    UNAVAILABLE(0x97, true);

    private final int mqttReasonCode;
    private final boolean retryable;

    ProtocolError(int mqttReasonCode, boolean retryable) {
        this.mqttReasonCode = mqttReasonCode;
        this.retryable = retryable;
    }

    /** The MQTT 5 PUBACK reason code the hub answers with. */
    public int mqttReasonCode() {
        return mqttReasonCode;
    }

    /**
     * Whether a gateway should send the same message again later. A non-retryable rejection means the
     * message itself is bad: the gateway quarantines it instead of retrying forever.
     */
    public boolean retryable() {
        return retryable;
    }

    /** How a gateway reads a negative PUBACK reason code: only 0x97 (quota) and 0x80 (unspecified) are worth a retry. */
    public static boolean isRetryableReasonCode(int reasonCode) {
        return reasonCode < 0x80 || reasonCode == 0x97 || reasonCode == 0x80 || reasonCode == 0x89;
    }
}
