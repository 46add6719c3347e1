package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The device address syntax: coap://host[:port] and coaps://host[:port]?psk-id=ID&psk-file=PATH. */
class CoapAddressTest {
    /** GIVEN addresses with and without ports, IPv6 and DTLS parameters WHEN parsed THEN host, port and PSK settings follow. */
    @Test
    void parsesPlainAndSecureAddresses() {
        assertThat(CoapAddress.parse("coap://10.0.3.7")).isEqualTo(new CoapAddress(false, "10.0.3.7", 5683, null, null));
        assertThat(CoapAddress.parse("coap://10.0.3.7/")).isEqualTo(new CoapAddress(false, "10.0.3.7", 5683, null, null));
        assertThat(CoapAddress.parse("coap://[::1]:5700").baseUri()).isEqualTo("coap://[::1]:5700");
        CoapAddress secure = CoapAddress.parse("coaps://sensor.local?psk-id=gw-7&psk-file=/etc/onegrid/psk/sensor.hex");
        assertThat(secure).isEqualTo(new CoapAddress(true, "sensor.local", 5684, "gw-7", Path.of("/etc/onegrid/psk/sensor.hex")));
        assertThat(secure.toString()).isEqualTo("coaps://sensor.local:5684").doesNotContain("psk");
    }

    /** GIVEN percent-encoded parameters in either order WHEN parsed THEN they are decoded, and a '+' stays a '+'. */
    @Test
    void decodesParametersAsAUri() {
        CoapAddress a = CoapAddress.parse("coaps://10.0.4.7:5700?psk-file=keys/a+b%20c.psk&psk-id=a%20b");

        assertThat(a.pskIdentity()).isEqualTo("a b");
        assertThat(a.pskFile()).isEqualTo(Path.of("keys/a+b c.psk"));
        assertThat(a.port()).isEqualTo(5700);
    }

    /** GIVEN a broken address WHEN parsed THEN the message names it and says what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://x                            | address 'http://x' must be a CoAP URI (coap://host[:port], or coaps://",
        "10.0.4.7:5683                       | address '10.0.4.7:5683' must be a CoAP URI (coap://host[:port]",
        "coap://user@x                       | takes no user@ part",
        "coap://:5683                        | has no host",
        "coap://x:99999                      | port 99999 in address is out of range 1..65535",
        "coap://x/sensors                    | must name only the device; the profile's channels give the resource paths",
        "coap://x#frag                       | must name only the device",
        "coap://x?psk-id=a                   | takes no query; psk-id and psk-file are for coaps://",
        "coaps://x                           | must end in ?psk-id=ID&psk-file=PATH (both, once each, nothing else): psk-id and psk-file are missing",
        "coaps://x?psk-id=a                  | psk-file is missing",
        "coaps://x?psk-id=a&psk-file=f&key=k | unknown parameter 'key'",
        "coaps://x?psk-id=a&psk-id=b         | parameter 'psk-id' is given twice",
        "coaps://x?psk-id=&psk-file=f        | 'psk-id=' is not name=value",
        "coaps://x?psk-id=a&psk-file=%zz     | must be a CoAP URI (coap://host[:port], or coaps://host[:port]?psk-id=ID&psk-file=PATH for DTLS with a pre-shared key); Malformed escape pair at index 28",
    })
    void refusesBrokenAddresses(String address, String expected) {
        assertThatThrownBy(() -> CoapAddress.parse(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    /** GIVEN no address at all WHEN parsed THEN the message shows the allowed forms. */
    @Test
    void refusesAMissingAddress() {
        assertThatThrownBy(() -> CoapAddress.parse(" ")).hasMessageContaining("no address: expected coap://host[:port]");
        assertThatThrownBy(() -> CoapAddress.parse(null)).hasMessageContaining("no address");
    }
}
