package io.onegrid.hub.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Claim codes: their shape, their entropy's alphabet, and how leniently a typed code is read back. */
class ClaimCodesTest {

    /** A seeded generator standing in for SecureRandom: the same codes every run. */
    @SuppressWarnings("serial")
    private static SecureRandom seeded() {
        Random r = new Random(42);
        return new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return r.nextInt(bound);
            }
        };
    }

    /** GIVEN a thousand new codes THEN each is XXXX-XXXX-XX of the 32 unambiguous symbols, and no two are equal. */
    @Test
    void codesAreGroupedUnambiguousAndDistinct() {
        ClaimCodes codes = new ClaimCodes(seeded());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String c = codes.generate();
            assertThat(c).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}");
            seen.add(c);
        }
        assertThat(seen).hasSize(1000);
        assertThat(ClaimCodes.ALPHABET).hasSize(32).doesNotContain("I", "L", "O", "U");
        assertThat(Math.round(ClaimCodes.LENGTH * Math.log(ClaimCodes.ALPHABET.length()) / Math.log(2)))
                .isEqualTo(ClaimCodes.BITS);
    }

    /** GIVEN a code typed in lower case, with spaces, or with I/L/O for 1/1/0 THEN it reads as the code it was. */
    @Test
    void typedCodesAreReadLeniently() {
        assertThat(ClaimCodes.normalise("7kq4-m2xd-9t")).contains("7KQ4M2XD9T");
        assertThat(ClaimCodes.normalise("7KQ4 M2XD 9T")).contains("7KQ4M2XD9T");
        assertThat(ClaimCodes.normalise("1O1L-0000-IO")).contains("1011000010");
        assertThat(ClaimCodes.hash("7kq4-m2xd-9t")).isEqualTo(ClaimCodes.hash("7KQ4M2XD9T"));
        assertThat(ClaimCodes.hash("7KQ4M2XD9T")).isNotEqualTo(ClaimCodes.hash("7KQ4M2XD9V"));
    }

    /** GIVEN text that cannot be a code (too short, too long, a U, punctuation) THEN it is refused, and not hashed. */
    @Test
    void nonCodesAreRefused() {
        assertThat(ClaimCodes.normalise("7KQ4-M2XD")).isEmpty();
        assertThat(ClaimCodes.normalise("7KQ4-M2XD-9TT")).isEmpty();
        assertThat(ClaimCodes.normalise("UKQ4-M2XD-9T")).isEmpty();
        assertThat(ClaimCodes.normalise("7KQ4_M2XD_9T")).isEmpty();
        assertThat(ClaimCodes.normalise(null)).isEmpty();
        assertThatThrownBy(() -> ClaimCodes.hash("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
