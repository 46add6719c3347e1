package io.onegrid.hub.mqtt;

import io.onegrid.hub.store.IngestResult;
import io.onegrid.protocol.ProtocolError;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * The one place where outcomes become MQTT 5 PUBACK reason codes: protocol errors through
 * {@link ProtocolError#mqttReasonCode()}, storage outcomes as success (stored or duplicate), 0x97 Quota
 * exceeded (retry later) or 0x83 Implementation specific error (final: the message cannot be applied).
 *
 * <p>A PUBACK may carry only 0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97 and 0x99 (MQTT 5.0
 * section 3.4.2.1), so a payload over the limit is answered 0x83 ({@link ProtocolError#TOO_LARGE});
 * packets over the advertised Maximum Packet Size end the connection with DISCONNECT 0x95 instead.
 */
final class ReasonCodes {
    private ReasonCodes() { }

    static MqttPubAckReasonCode of(ProtocolError error) {
        int code = error.mqttReasonCode();
        for (MqttPubAckReasonCode c : MqttPubAckReasonCode.values()) {
            if ((c.value() & 0xff) == code) return c;
        }
        return MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }

    /**
     * Stored or duplicate: 0x00. Not storable now (commit failed, queue full, stopping): 0x97, retry later.
     * Unprocessable (applying it failed in a way that would repeat): 0x83, final, so the gateway quarantines
     * it instead of retrying it forever.
     */
    static MqttPubAckReasonCode of(IngestResult result) {
        return switch (result.status()) {
            case STORED, DUPLICATE -> MqttPubAckReasonCode.SUCCESS;
            case FAILED -> of(ProtocolError.UNAVAILABLE);
            case UNPROCESSABLE -> MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
        };
    }
}
