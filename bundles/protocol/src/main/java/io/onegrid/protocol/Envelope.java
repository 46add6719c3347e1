package io.onegrid.protocol;

/**
 * Every uplink message: who sent it (gateway id, boot id), where in that boot's sequence it sits, when,
 * and its body. The hub de-duplicates on ({@code gatewayId}, {@code bootId}, {@code seq}) for sequenced
 * kinds, so at-least-once delivery yields exactly-once effects. See docs/protocol.md.
 */
public record Envelope(int version, String gatewayId, String bootId, long seq, Timestamp ts, Body body) {
    /** The envelope version this code writes and the only one it reads. */
    public static final int VERSION = 1;

    public Envelope {
        if (gatewayId == null || !Topics.isValidGatewayId(gatewayId)) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "gw must match " + Topics.GATEWAY_ID_PATTERN);
        }
        if (bootId == null || bootId.isBlank() || bootId.length() > 64) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "boot must be 1..64 characters");
        }
        if (seq < 0) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "seq must be >= 0");
        }
        if (ts == null || body == null) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "ts and body are required");
        }
    }

    public MessageKind kind() {
        return body.kind();
    }

    public static Envelope of(String gatewayId, String bootId, long seq, Timestamp ts, Body body) {
        return new Envelope(VERSION, gatewayId, bootId, seq, ts, body);
    }
}
