package io.onegrid.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.onegrid.hub.security.CertificateLogin;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.protocol.ProtocolError;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * The hub's one table of PUBACK answers: every outcome of a QoS 1 PUBLISH, the MQTT 5 reason code it is
 * answered with, and what the gateway is meant to do with it. docs/protocol.md shows the same table, and
 * {@code ReasonCodesTest} checks both it and the gateway's reading ({@link ProtocolError#isRetryableReasonCode})
 * against this one, so hub, gateway and document cannot drift apart.
 *
 * <p>The split: "the message itself is wrong and would be refused on every retry" is set aside; "the hub
 * cannot take it now" (storage, load, a version it does not speak yet) is retried. Setting aside an alarm
 * loses it for good, so only what is certain to fail again belongs on that side.
 *
 * <p>A PUBACK may carry only 0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97 and 0x99 (MQTT 5.0 section
 * 3.4.2.1), so a payload over the limit is answered 0x83; packets over the advertised Maximum Packet Size
 * end the connection with DISCONNECT 0x95 instead.
 */
final class ReasonCodes {
    private ReasonCodes() { }

    /** What the gateway does with an answer (docs/protocol.md, "gateway action"). */
    enum GatewayAction { DELETE, RETRY, SET_ASIDE }

    /** One row of the table. */
    enum Answer {
        STORED(MqttPubAckReasonCode.SUCCESS, GatewayAction.DELETE),
        NOT_AUTHORIZED(MqttPubAckReasonCode.NOT_AUTHORIZED, GatewayAction.SET_ASIDE),
        TOPIC_INVALID(MqttPubAckReasonCode.TOPIC_NAME_INVALID, GatewayAction.SET_ASIDE),
        PAYLOAD_INVALID(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID, GatewayAction.SET_ASIDE),
        /** Over the payload limit, or applying it fails in a way that repeats (a constraint, a hub bug). */
        CANNOT_APPLY(MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, GatewayAction.SET_ASIDE),
        /**
         * A newer envelope version: not the message's fault, and an upgraded hub will take it. 0x80 rather than
         * 0x97 so the gateway's log tells "upgrade the hub" from "the hub is busy".
         */
        NOT_YET_UNDERSTOOD(MqttPubAckReasonCode.UNSPECIFIED_ERROR, GatewayAction.RETRY),
        /** Storage failed, queue full, hub stopping: the same message will be stored later. */
        CANNOT_STORE_NOW(MqttPubAckReasonCode.QUOTA_EXCEEDED, GatewayAction.RETRY);

        final MqttPubAckReasonCode code;
        final GatewayAction action;

        Answer(MqttPubAckReasonCode code, GatewayAction action) {
            this.code = code;
            this.action = action;
        }

        int value() {
            return code.value() & 0xff;
        }

        String hex() {
            return String.format("0x%02X", value());
        }
    }

    /**
     * The CONNACK of every refused login (MQTT 5.0 section 3.2.2.2), so a gateway's log says which one it is: a wrong
     * password is 0x86; a certificate that is valid but not (or no longer) this gateway's is 0x87.
     */
    enum Refusal {
        BAD_CREDENTIALS(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD),
        CLIENT_ID_INVALID(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID),
        /** A certificate from the gateway CA for another gateway, revoked, or replaced by a later one. */
        NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5),
        RATE_EXCEEDED(MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED),
        SERVER_UNAVAILABLE(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);

        final MqttConnectReturnCode code;

        Refusal(MqttConnectReturnCode code) {
            this.code = code;
        }
    }

    /** The refusal of a certificate login's outcome (empty for an accepted one). */
    static java.util.Optional<Refusal> of(CertificateLogin.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> java.util.Optional.empty();
            case UNREADABLE, WRONG_GATEWAY, NOT_ISSUED, REPLACED -> java.util.Optional.of(Refusal.NOT_AUTHORIZED);
        };
    }

    static Answer of(ProtocolError error) {
        return switch (error) {
            case NOT_AUTHORIZED -> Answer.NOT_AUTHORIZED;
            case BAD_TOPIC, UNKNOWN_KIND -> Answer.TOPIC_INVALID;
            case MALFORMED, INVALID_FIELD -> Answer.PAYLOAD_INVALID;
            case TOO_LARGE -> Answer.CANNOT_APPLY;
            case UNSUPPORTED_VERSION -> Answer.NOT_YET_UNDERSTOOD;
            case UNAVAILABLE -> Answer.CANNOT_STORE_NOW;
        };
    }

    static Answer of(IngestResult result) {
        return switch (result.status()) {
            case STORED, DUPLICATE -> Answer.STORED;
            case FAILED -> Answer.CANNOT_STORE_NOW;
            // the store decides this only for failures that repeat on the same message (store.StoreErrors)
            case UNPROCESSABLE -> Answer.CANNOT_APPLY;
        };
    }
}
