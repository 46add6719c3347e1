package io.onegrid.driver.coap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device address syntax: coap://host[:port] and coaps://host[:port]?psk-id=ID&psk-file=PATH. */
class CoapAddressTest {
    /** GIVEN addresses with and without ports, IPv6 and DTLS parameters WHEN parsed THEN host, port and PSK settings follow. */
    @Test
    void parsesPlainAndSecureAddresses() {
        assertThat(CoapAddress.parse("coap://10.0.3.7")).isEqualTo(new CoapAddress(false, "10.0.3.7", 5683, null, null));
        assertThat(CoapAddress.parse("coap://[::1]:5700").baseUri()).isEqualTo("coap://[::1]:5700");
        CoapAddress secure = CoapAddress.parse("coaps://sensor.local?psk-id=gw-7&psk-file=/etc/onegrid/psk/sensor.hex");
        assertThat(secure).isEqualTo(new CoapAddress(true, "sensor.local", 5684, "gw-7", Path.of("/etc/onegrid/psk/sensor.hex")));
        assertThat(secure.toString()).isEqualTo("coaps://sensor.local:5684").doesNotContain("psk");
    }

    /** GIVEN broken addresses WHEN parsed THEN the message says what is wrong. */
    @Test
    void refusesBrokenAddresses() {
        assertThatThrownBy(() -> CoapAddress.parse("http://x")).hasMessageContaining("must start with coap:// or coaps://");
        assertThatThrownBy(() -> CoapAddress.parse("coap://x/sensors")).hasMessageContaining("has a path");
        assertThatThrownBy(() -> CoapAddress.parse("coap://x?psk-id=a")).hasMessageContaining("coap:// takes no parameters");
        assertThatThrownBy(() -> CoapAddress.parse("coaps://x?psk-id=a")).hasMessageContaining("needs ?psk-id=ID&psk-file=PATH");
        assertThatThrownBy(() -> CoapAddress.parse("coaps://x?psk-id=a&psk-file=f&key=k")).hasMessageContaining("unknown parameter 'key'");
        assertThatThrownBy(() -> CoapAddress.parse("coap://:5683")).hasMessageContaining("no host");
        assertThatThrownBy(() -> CoapAddress.parse(" ")).hasMessageContaining("no address");
    }
}
