package io.onegrid.driver.gpio;

import io.onegrid.api.DriverException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpioAddressTest {

    /** Channel=line pairs are parsed in order, with spaces around them tolerated. */
    @Test
    void parsesChannelLinePairs() throws DriverException {
        GpioAddress address = GpioAddress.parse("d1", " smoke=flat302.smoke , siren=27", TestProfiles.smokeDetector());

        assertThat(address.lines()).containsExactly(
                java.util.Map.entry("smoke", "flat302.smoke"), java.util.Map.entry("siren", "27"));
    }

    /** A missing address is a BAD_ADDRESS error that shows the expected format. */
    @Test
    void blankAddressIsRejected() {
        assertThatThrownBy(() -> GpioAddress.parse("d1", " ", TestProfiles.smokeDetector()))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.BAD_ADDRESS))
                .hasMessageContaining("d1").hasMessageContaining("smoke=17,siren=27");
    }

    /** An entry without '=' or with an empty side is rejected, naming the entry. */
    @Test
    void malformedEntriesAreRejected() {
        assertThatThrownBy(() -> GpioAddress.parse("d1", "smoke=17,siren", TestProfiles.smokeDetector()))
                .hasMessageContaining("'siren'");
        assertThatThrownBy(() -> GpioAddress.parse("d1", "smoke=17,", TestProfiles.smokeDetector()))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> GpioAddress.parse("d1", "=17", TestProfiles.smokeDetector()))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> GpioAddress.parse("d1", "smoke=a b", TestProfiles.smokeDetector()))
                .hasMessageContaining("malformed");
    }

    /** A channel the profile does not have is rejected, listing the channels it does have. */
    @Test
    void unknownChannelIsRejected() {
        assertThatThrownBy(() -> GpioAddress.parse("d1", "smoke=17,door=22", TestProfiles.smokeDetector()))
                .isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.code()).isEqualTo(DriverException.Code.BAD_ADDRESS))
                .hasMessageContaining("'door'").hasMessageContaining("smoke, siren");
    }

    /** A channel wired twice, or two channels on one line, are rejected. */
    @Test
    void duplicatesAreRejected() {
        assertThatThrownBy(() -> GpioAddress.parse("d1", "smoke=17,smoke=18", TestProfiles.smokeDetector()))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> GpioAddress.parse("d1", "smoke=17,siren=17", TestProfiles.smokeDetector()))
                .hasMessageContaining("same line 17");
    }
}
