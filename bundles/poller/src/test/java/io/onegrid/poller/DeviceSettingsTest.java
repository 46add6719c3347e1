package io.onegrid.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.Coverage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSettingsTest {

    /** A full configuration parses, blanks become null and overrides become a map. */
    @Test
    void parsesAConfiguration() {
        DeviceSettings d = DeviceSettings.of(" hydrant-b1 ", "hydrant-pressure-modbus", "127.0.0.1:5020/1", "",
                "block-7", "", "pump room", " ", new String[] {"low-pressure.below = 0.12", "low-pressure.minDuration=60s"});

        assertThat(d.deviceId()).isEqualTo("hydrant-b1");
        assertThat(d.bus()).isNull();
        assertThat(d.coverage()).isEqualTo(new Coverage("block-7", null, "pump room", null));
        assertThat(d.overrides()).isEqualTo(Map.of("low-pressure.below", "0.12", "low-pressure.minDuration", "60s"));
    }

    /** Missing required values and malformed overrides are refused with a sentence naming the device. */
    @Test
    void refusesIncompleteConfigurations() {
        assertThatThrownBy(() -> DeviceSettings.of("", "p", "a", null, "s", null, null, null, null))
                .hasMessage("a device configuration has no deviceId");
        assertThatThrownBy(() -> DeviceSettings.of("d", null, "a", null, "s", null, null, null, null))
                .hasMessage("device d has no profile");
        assertThatThrownBy(() -> DeviceSettings.of("d", "p", " ", null, "s", null, null, null, null))
                .hasMessage("device d has no address");
        assertThatThrownBy(() -> DeviceSettings.of("d", "p", "a", null, null, null, null, null, null))
                .hasMessageContaining("device d has no site");
        assertThatThrownBy(() -> DeviceSettings.of("d", "p", "a", null, "s", null, null, null, new String[] {"novalue"}))
                .hasMessage("device d: override 'novalue' is not key=value");
        assertThatThrownBy(() -> DeviceSettings.of("d", "p", "a", null, "s", null, null, null, new String[] {"k=1", "k=2"}))
                .hasMessage("device d: override 'k' is given twice");
    }

    /** Default buses: tcp:host:port for Modbus TCP, gpio for GPIO, the serial port for RTU, own queue otherwise. */
    @Test
    void defaultBuses() {
        assertThat(BusNames.defaultBus("modbus-tcp", "127.0.0.1:5020/1")).isEqualTo("tcp:127.0.0.1:5020");
        assertThat(BusNames.defaultBus("modbus-tcp", "[::1]:502/3")).isEqualTo("tcp:[::1]:502");
        assertThat(BusNames.defaultBus("gpio", "smoke=17,siren=27")).isEqualTo("gpio");
        assertThat(BusNames.defaultBus("modbus-rtu", "/dev/ttyUSB0/4")).isEqualTo("serial:/dev/ttyUSB0");
        assertThat(BusNames.defaultBus("coap", "coap://10.0.0.9/th")).isEqualTo("coap:coap://10.0.0.9/th");
    }
}
