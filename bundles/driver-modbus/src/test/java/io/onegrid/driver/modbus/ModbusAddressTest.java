package io.onegrid.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.DriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModbusAddressTest {

    /** A well-formed IPv4, host name and IPv6 address parse into host, port and unit id. */
    @Test
    void parsesHostPortAndUnit() throws DriverException {
        assertThat(ModbusAddress.parse("127.0.0.1:5020/1")).isEqualTo(new ModbusAddress("127.0.0.1", 5020, 1));
        assertThat(ModbusAddress.parse(" meter.local:502/247 ")).isEqualTo(new ModbusAddress("meter.local", 502, 247));
        ModbusAddress v6 = ModbusAddress.parse("[fe80::1]:502/0");
        assertThat(v6).isEqualTo(new ModbusAddress("fe80::1", 502, 0));
        assertThat(v6.endpoint()).isEqualTo("[fe80::1]:502");
    }

    /** Every malformed address is a BAD_ADDRESS error that quotes the address and shows the expected shape. */
    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1", "127.0.0.1:502", "127.0.0.1/1", ":502/1", "host:x/1", "host:0/1",
            "host:70000/1", "host:502/256", "host:502/-1", "host:502/one", "fe80::1:502/1", "[fe80::1]502/1"})
    void rejectsMalformedAddresses(String address) {
        assertThatThrownBy(() -> ModbusAddress.parse(address))
                .isInstanceOf(DriverException.class)
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(DriverException.Code.BAD_ADDRESS))
                .hasMessageContaining("'" + address + "'")
                .hasMessageContaining("host:port/unitId");
    }

    /** A null address is rejected like an empty one. */
    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ModbusAddress.parse(null)).hasMessageContaining("empty");
    }
}
