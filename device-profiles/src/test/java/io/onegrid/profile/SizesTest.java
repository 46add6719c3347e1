package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
    /** GIVEN a size in any accepted spelling WHEN parsed THEN it is that many bytes, units being 1024-based. */
    @ParameterizedTest
    @CsvSource({"67108864, 67108864", "64MB, 67108864", "64 mb, 67108864", "64MiB, 67108864", "512KB, 524288",
            "1GB, 1073741824", "2gib, 2147483648", "100B, 100", "1_048_576, 1048576", "' 8MB ', 8388608"})
    void parsesBytesAndUnits(String text, long bytes) {
        assertThat(Sizes.parse(text)).contains(bytes);
    }

    /** GIVEN text that is not a size (a fraction, a negative, another unit, an overflow) WHEN parsed THEN it is empty. */
    @ParameterizedTest
    @ValueSource(strings = {"", "MB", "1.5MB", "-1", "8 parsecs", "64TB", "10s", "99999999999999999999", "9223372036854775807KB"})
    void refusesWhatIsNotASize(String text) {
        assertThat(Sizes.parse(text)).isEqualTo(Optional.empty());
    }

    /** GIVEN a byte count WHEN formatted THEN the shortest exact form comes back and parses to the same count. */
    @Test
    void formatsTheShortestExactForm() {
        assertThat(Sizes.format(64L * 1024 * 1024)).isEqualTo("64MB");
        assertThat(Sizes.format(65_536)).isEqualTo("64KB");
        assertThat(Sizes.format(1000)).isEqualTo("1000");
        assertThat(Sizes.format(0)).isEqualTo("0");
        for (long n : new long[] {1, 1023, 1024, 3L * 1024 * 1024 * 1024, 1536}) {
            assertThat(Sizes.parse(Sizes.format(n))).contains(n);
        }
    }

    /** A null (absent) value is not a size. */
    @Test
    void nullIsNotASize() {
        assertThat(Sizes.parse(null)).isEmpty();
    }
}
