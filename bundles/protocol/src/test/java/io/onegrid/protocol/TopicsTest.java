package io.onegrid.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {
    /** Uplink topics are built and parsed symmetrically for every kind. */
    @Test
    void uplinkTopicsRoundTrip() {
        for (MessageKind k : MessageKind.values()) {
            String topic = Topics.uplink("gw-7", k);
            assertThat(topic).isEqualTo("og/v1/gw/gw-7/" + k.wireName());
            assertThat(Topics.parseUplink(topic)).isEqualTo(new Topics.Uplink("gw-7", k));
        }
    }

    /** Topics outside the contract are refused with BAD_TOPIC (PUBACK 0x90). */
    @Test
    void refusesForeignTopics() {
        for (String t : new String[] {"og/v2/gw/gw-7/alarm", "og/v1/gw/gw-7/alarm/x", "og/v1/gw//alarm",
                "og/v1/gw/gw-7/nonsense", "og/v1/gw/+/alarm", "other"}) {
            assertThatThrownBy(() -> Topics.parseUplink(t)).as(t)
                    .isInstanceOf(ProtocolException.class)
                    .extracting(ex -> ((ProtocolException) ex).error()).isEqualTo(ProtocolError.BAD_TOPIC);
        }
    }

    /** Gateway ids are restricted so they can never contain MQTT wildcards or separators. */
    @Test
    void gatewayIdsCannotCarryWildcards() {
        assertThat(Topics.isValidGatewayId("gw-demo-01")).isTrue();
        assertThat(Topics.isValidGatewayId("gw/1")).isFalse();
        assertThat(Topics.isValidGatewayId("gw+")).isFalse();
        assertThat(Topics.isValidGatewayId("#")).isFalse();
        assertThat(Topics.isValidGatewayId("")).isFalse();
    }

    /** Retry is only worth it for transient hub conditions; everything else is final and gets quarantined. */
    @Test
    void retryableReasonCodes() {
        assertThat(ProtocolError.isRetryableReasonCode(0x97)).isTrue();
        assertThat(ProtocolError.isRetryableReasonCode(0x80)).isTrue();
        assertThat(ProtocolError.isRetryableReasonCode(0x99)).isFalse();
        assertThat(ProtocolError.isRetryableReasonCode(0x87)).isFalse();
        assertThat(ProtocolError.isRetryableReasonCode(0x83)).isFalse();
        assertThat(ProtocolError.isRetryableReasonCode(0x90)).isFalse();
    }
}
