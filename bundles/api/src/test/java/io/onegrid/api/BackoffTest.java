package io.onegrid.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The gateway's one backoff: doubling, capped, jitter only shortens. */
class BackoffTest {

    /** Without jitter the wait doubles per attempt and stops at the cap. */
    @Test
    void doublesUpToTheCap() {
        Backoff backoff = new Backoff(new Random(1));
        List<Long> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) delays.add(backoff.delayMs(1_000, attempt, 60_000, 0));
        assertThat(delays).containsExactly(2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L);
    }

    /** Jitter only shortens a wait, by at most its share, so the cap is never exceeded. */
    @Test
    void jitterStaysWithinItsShareAndTheCap() {
        Backoff backoff = new Backoff(new Random(7));
        for (int i = 0; i < 1_000; i++) {
            long d = backoff.delayMs(1_000, 10, 30_000, 0.25);
            assertThat(d).isBetween(22_500L, 30_000L);
        }
    }

    /** The same seed gives the same waits (tests are repeatable); different seeds spread devices apart. */
    @Test
    void seededRandomIsRepeatable() {
        List<Long> a = sequence(new Backoff(new Random(42)));
        List<Long> b = sequence(new Backoff(new Random(42)));
        List<Long> c = sequence(new Backoff(new Random(43)));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    /** Huge attempt numbers and bases do not overflow. */
    @Test
    void noOverflow() {
        Backoff backoff = new Backoff(new Random(1));
        assertThat(backoff.delayMs(Long.MAX_VALUE / 2, 1_000, 120_000, 0)).isEqualTo(120_000);
        assertThat(backoff.delayMs(0, 0, 5_000, 0)).isEqualTo(1);
    }

    private static List<Long> sequence(Backoff backoff) {
        List<Long> out = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) out.add(backoff.delayMs(500, attempt, 10_000, 0.3));
        return out;
    }
}
