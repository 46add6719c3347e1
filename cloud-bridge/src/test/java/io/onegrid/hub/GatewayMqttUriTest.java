package io.onegrid.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The MQTT URI the hub tells provisioned gateways when none is configured. */
class GatewayMqttUriTest {

    /**
     * GIVEN an MQTT listener on one address THEN that address is the URI's host; on every interface, the host the
     * gateway reached the HTTP API at (bracketed if IPv6); TLS makes it ssl://.
     */
    @Test
    void derivedFromTheListenerAndTheRequest() {
        assertThat(Hub.gatewayMqttUri(false, "10.0.0.5", "hub.example.org", 1883)).isEqualTo("tcp://10.0.0.5:1883");
        assertThat(Hub.gatewayMqttUri(true, "0.0.0.0", "hub.example.org", 8883)).isEqualTo("ssl://hub.example.org:8883");
        assertThat(Hub.gatewayMqttUri(false, "::", "fd00::7", 1883)).isEqualTo("tcp://[fd00::7]:1883");
        assertThat(Hub.gatewayMqttUri(false, "0.0.0.0", null, 1883)).isEqualTo("tcp://0.0.0.0:1883");
    }
}
