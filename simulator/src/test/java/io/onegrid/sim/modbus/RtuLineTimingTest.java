package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RtuLineTimingTest {
    /** Ten holding registers at 9600 8N1 take 41.7 ms per transaction (~24 reads/s), 20.8 ms at 19200. */
    @Test
    void matchesThePhysicalCeiling() {
        // GIVEN 8N1 (10 bits a character) WHEN a 10-register read (8-byte request, 25-byte reply) is timed
        double at9600 = RtuLineTiming.of(9600, 10).transaction(8, 25) / 1e6;
        double at19200 = RtuLineTiming.of(19200, 10).transaction(8, 25) / 1e6;
        // THEN it is the figure the benchmark compares against
        assertThat(at9600).isCloseTo(41.7, within(0.1));
        assertThat(at19200).isCloseTo(20.8, within(0.1));
    }

    /** Above 19200 baud the silence is the fixed 1.75 ms of the serial-line specification. */
    @Test
    void usesTheFixedSilenceAbove19200() {
        assertThat(RtuLineTiming.of(115200, 10).silenceNanos()).isEqualTo(1_750_000L);
        assertThat((double) RtuLineTiming.of(9600, 11).silenceNanos()).isCloseTo(3.5 * 11e9 / 9600, within(10.0));
    }
}
