package io.onegrid.protocol;

import java.util.Locale;

/** The kinds of uplink message a gateway publishes; each has its own topic leaf. */
public enum MessageKind {
    BIRTH, TELEMETRY, ALARM, EVENT, HEALTH, DEATH;

    /** The lower-case name used on the wire, in topics and in the envelope's {@code kind} field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the hub de-duplicates this kind on (gateway, boot, seq). Birth and death are connection state. */
    public boolean sequenced() {
        return this != BIRTH && this != DEATH;
    }

    public static MessageKind fromWire(String wire) {
        for (MessageKind k : values()) {
            if (k.wireName().equals(wire)) {
                return k;
            }
        }
        throw new ProtocolException(ProtocolError.UNKNOWN_KIND, "unknown message kind '" + wire + "'");
    }
}
