package io.onegrid.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The probe's URIs: what each scheme takes, and a sentence saying what is allowed for every mistake. */
class ProbeUriTest {

    /** Each documented form parses into scheme, host or serial path, port (default per scheme) and parameters. */
    @Test
    void documentedForms() throws ProbeUsageException {
        ProbeUri tcp = ProbeUri.parse("modbus+tcp://10.0.0.5?unit=3");
        assertThat(tcp.scheme()).isEqualTo(ProbeUri.Scheme.MODBUS_TCP);
        assertThat(tcp.port()).isEqualTo(502);
        assertThat(tcp.unit()).isEqualTo(3);
        ProbeUri rtu = ProbeUri.parse("modbus+rtu:///dev/ttyUSB0?baud=9600&parity=N&unit=7");
        assertThat(rtu.path()).isEqualTo("/dev/ttyUSB0");
        assertThat(rtu.integer("baud", 1200, 115200)).isEqualTo(9600);
        assertThat(ProbeUri.parse("modbus+rtutcp://10.0.3.20:4001?unit=1").port()).isEqualTo(4001);
        assertThat(ProbeUri.parse("coap://[::1]").port()).isEqualTo(5683);
        ProbeUri coaps = ProbeUri.parse("coaps://10.0.0.7?psk-id=gw&psk-file=/etc/k");
        assertThat(coaps.get("psk-id", null)).isEqualTo("gw");
        assertThat(coaps.port()).isEqualTo(5684);
    }

    /** Mistakes an installer makes are refused with what to write instead. */
    @Test
    void mistakesSayWhatIsAllowed() {
        assertThatThrownBy(() -> ProbeUri.parse("modbus://10.0.0.5?unit=1")).hasMessageContaining("use one of modbus+tcp");
        assertThatThrownBy(() -> ProbeUri.parse("modbus+tcp://10.0.0.5")).hasMessageContaining("add ?unit=N");
        assertThatThrownBy(() -> ProbeUri.parse("modbus+tcp://10.0.0.5?unit=1&slave=2")).hasMessageContaining("unknown parameter 'slave'")
                .hasMessageContaining("allowed: unit");
        assertThatThrownBy(() -> ProbeUri.parse("modbus+tcp://10.0.0.5?unit=0").unit()).hasMessageContaining("from 1 to 247");
        assertThatThrownBy(() -> ProbeUri.parse("modbus+rtu://dev/ttyUSB0?unit=1")).hasMessageContaining("three slashes");
        assertThatThrownBy(() -> ProbeUri.parse("modbus+rtu:///?unit=1")).hasMessageContaining("serial device as its path");
        assertThatThrownBy(() -> ProbeUri.parse("coap://10.0.0.7/sensors/t")).hasMessageContaining("the profile's channels give the resource paths");
        assertThatThrownBy(() -> ProbeUri.parse("coaps://10.0.0.7")).hasMessageContaining("must end in ?psk-id=ID&psk-file=PATH");
        assertThatThrownBy(() -> ProbeUri.parse("10.0.0.5:502")).hasMessageContaining("examples:");
        assertThatThrownBy(() -> ProbeUri.parse("coap://h?x=1")).hasMessageContaining("takes no query; psk-id and psk-file are for coaps://");
    }
}
