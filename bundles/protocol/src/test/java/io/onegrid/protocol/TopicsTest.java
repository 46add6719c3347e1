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

    /** Command and reply topics are built and parsed symmetrically; the command name is one safe topic level. */
    @Test
    void commandAndReplyTopicsRoundTrip() {
        assertThat(Topics.command("gw-7", "write")).isEqualTo("og/v1/gw/gw-7/cmd/write");
        assertThat(Topics.reply("gw-7", "write")).isEqualTo("og/v1/gw/gw-7/reply/write");
        assertThat(Topics.parseCommand(Topics.command("gw-7", "write"))).isEqualTo("write");
        assertThat(Topics.parseReply(Topics.reply("gw-7", "write"))).isEqualTo(new Topics.Reply("gw-7", "write"));
        assertThat(Topics.isReplyOf("gw-7", "og/v1/gw/gw-7/reply/x/y")).isTrue();
        assertThat(Topics.isReplyOf("gw-7", "og/v1/gw/gw-8/reply/x")).isFalse();
        for (String t : new String[] {"og/v1/gw/gw-7/reply/Write", "og/v1/gw/gw-7/reply/a/b", "og/v1/gw/gw-7/reply/",
                "og/v1/gw/gw-7/cmd/ping", "og/v1/gw/g w/reply/ping"}) {
            assertThatThrownBy(() -> Topics.parseReply(t)).as(t).isInstanceOf(ProtocolException.class)
                    .extracting(ex -> ((ProtocolException) ex).error()).isEqualTo(ProtocolError.BAD_TOPIC);
        }
        assertThat(Topics.isValidCommand("reload")).isTrue();
        assertThat(Topics.isValidCommand("+")).isFalse();
        assertThat(Topics.isValidCommand("a".repeat(33))).isFalse();
    }
}
