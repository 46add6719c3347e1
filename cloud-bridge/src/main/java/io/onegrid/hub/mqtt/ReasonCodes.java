package io.onegrid.hub.mqtt;

import io.onegrid.hub.store.IngestResult;
import io.onegrid.protocol.ProtocolError;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * The one place where outcomes become MQTT 5 PUBACK reason codes: protocol errors through
 * {@link ProtocolError#mqttReasonCode()}, storage outcomes as success (stored or duplicate) or
 * 0x97 Quota exceeded (retry later).
 */
final class ReasonCodes {
    private ReasonCodes() { }

    static MqttPubAckReasonCode of(ProtocolError error) {
        return MqttPubAckReasonCode.valueOf((byte) error.mqttReasonCode());
    }

    static MqttPubAckReasonCode of(IngestResult result) {
        return result.acknowledged() ? MqttPubAckReasonCode.SUCCESS : of(ProtocolError.UNAVAILABLE);
    }
}
