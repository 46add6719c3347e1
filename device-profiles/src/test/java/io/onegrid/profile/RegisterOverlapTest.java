package io.onegrid.profile;

import static io.onegrid.profile.ProfileLoaderTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Register sharing: bits of one status word may be separate channels; anything else sharing a register is a typo. */
class RegisterOverlapTest {
    private static final String STATUS_BITS = """
            id: detector
            name: Detector
            category: gas-detector
            protocol: modbus-rtu
            channels:
              - id: status
                type: uint16
                modbus: {table: input, address: 2}
              - id: sensor-open
                type: bool
                modbus: {table: input, address: 3, bit: 0}
              - id: over-range
                type: bool
                modbus: {table: input, address: 3, bit: 2}
            """;

    /** Bool channels on different bits of one register load. */
    @Test
    void differentBitsShareARegister() {
        DeviceProfile p = ProfileLoader.parse("t.yaml", STATUS_BITS);

        assertThat(p.channels()).extracting(c -> c.modbus().bit()).containsExactly(-1, 0, 2);
    }

    /** The same bit twice is an overlap, reported on the later channel's line. */
    @Test
    void theSameBitTwiceOverlaps() {
        assertProblem(STATUS_BITS.replace("bit: 2", "bit: 0"), 12, "channel 'over-range' (input 3) overlaps channel 'sensor-open'");
    }

    /** A whole-register channel and a bit of the same register overlap: read the word or its bits, not both. */
    @Test
    void aWordAndItsBitOverlap() {
        assertProblem(STATUS_BITS.replace("address: 2}", "address: 3}"), 9, "overlaps channel 'status'");
    }
}
