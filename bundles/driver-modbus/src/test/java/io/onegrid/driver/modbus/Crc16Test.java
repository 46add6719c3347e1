package io.onegrid.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Crc16Test {
    /** The CRC of well-known requests matches the bytes the Modbus serial specification's examples end with. */
    @Test
    void knownFrames() {
        assertThat(RtuFrames.hex(RtuFrames.read(1, 3, 0, 10), 8)).isEqualTo("01 03 00 00 00 0A C5 CD");
        assertThat(RtuFrames.hex(RtuFrames.read(1, 3, 0, 1), 8)).isEqualTo("01 03 00 00 00 01 84 0A");
    }

    /** A frame checks out with its own CRC and fails with one bit flipped anywhere. */
    @Test
    void detectsEverySingleBitError() {
        byte[] frame = ScriptedLine.frame(0x11, 0x03, 0x04, 0x00, 0x2A, 0x01, 0x00);
        assertThat(Crc16.matches(frame, frame.length)).isTrue();
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] damaged = frame.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Crc16.matches(damaged, damaged.length)).as("bit %d flipped", bit).isFalse();
        }
    }
}
