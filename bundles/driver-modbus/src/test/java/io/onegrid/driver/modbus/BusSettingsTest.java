package io.onegrid.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.driver.modbus.BusSettings.Kind;
import io.onegrid.driver.modbus.BusSettings.Parity;
import org.junit.jupiter.api.Test;

class BusSettingsTest {
    /** The frame gap is 3.5 characters of the line's format, fixed at 1.75 ms above 19200 baud, or what is set. */
    @Test
    void frameGapFollowsTheLine() {
        assertThat(BusSettings.serial("a", "/dev/ttyUSB0", 9600, Parity.NONE).frameGapNanos()).isEqualTo(3_645_834L);
        assertThat(BusSettings.serial("a", "/dev/ttyUSB0", 19200, Parity.EVEN).frameGapNanos()).isEqualTo(2_005_209L);
        assertThat(BusSettings.serial("a", "/dev/ttyUSB0", 115200, Parity.NONE).frameGapNanos()).isEqualTo(1_750_000L);
        BusSettings slow = new BusSettings("a", Kind.RTU, "/dev/ttyUSB0", null, 0, 9600, Parity.NONE, 8, 2, 1000, 1, 20,
                125, 8);
        assertThat(slow.frameGapNanos()).isEqualTo(20_000_000L);
        assertThat(slow.bitsPerCharacter()).isEqualTo(11);
    }

    /** Every bad value is refused with a sentence naming the bus and the key. */
    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> new BusSettings("riser-a", Kind.RTU, " ", null, 0, 9600, Parity.NONE, 8, 1, 1000, 1, 0, 125, 8))
                .hasMessage("bus riser-a is kind rtu but has no port (a serial device such as /dev/ttyUSB0)");
        assertThatThrownBy(() -> new BusSettings("riser-b", Kind.RTU_TCP, null, "10.0.3.20", 0, 9600, Parity.NONE, 8, 1, 1000, 1, 0, 125, 8))
                .hasMessage("bus riser-b: tcpPort 0 is outside 1..65535");
        assertThatThrownBy(() -> new BusSettings("riser-a", Kind.RTU, "/dev/ttyUSB0", null, 0, 9600, Parity.NONE, 8, 1, 1000, 1, 0, 126, 8))
                .hasMessage("bus riser-a: maxRegisters 126 is outside 1..125");
        assertThatThrownBy(() -> Parity.of("riser-a", "mark")).hasMessage("bus riser-a: parity 'mark' is not none, even or odd");
        assertThatThrownBy(() -> Kind.of("riser-a", "ascii")).hasMessage("bus riser-a: kind 'ascii' is not rtu or rtu-tcp");
    }

    /** Parity is written none/even/odd in the gateway file and N/E/O in probe URIs. */
    @Test
    void parityWords() {
        assertThat(Parity.of("a", "Even")).isEqualTo(Parity.EVEN);
        assertThat(Parity.of("a", "O")).isEqualTo(Parity.ODD);
        assertThat(BusSettings.serial("riser-a", "/dev/ttyUSB0", 19200, Parity.EVEN).describe())
                .isEqualTo("riser-a (/dev/ttyUSB0 19200 8E1)");
    }
}
