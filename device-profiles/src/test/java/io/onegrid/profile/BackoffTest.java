package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The project's one backoff: doubling from the first wait, capped, jitter only shortens, a loop's count resets. */
class BackoffTest {

    /** A random source whose every draw is {@code fraction}, so the jitter's bounds are met exactly. */
    private static Random fixed(double fraction) {
        return new Random() {
            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    private static List<Long> draw(Backoff.Retries retries, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(retries.next());
        return out;
    }

    /** GIVEN no jitter WHEN attempts 0.. are drawn THEN the wait starts at the base, doubles, and stops at the cap. */
    @Test
    void doublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(new Random(1));

        List<Long> delays = new ArrayList<>();
        for (int attempt = 0; attempt <= 7; attempt++) delays.add(backoff.delayMs(1_000, attempt, 60_000, 0));

        assertThat(delays).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L);
    }

    /**
     * GIVEN jitter 0.5 (the uplink's and the hub's loops) WHEN drawn with the lowest and the highest random value
     * THEN every wait lies between half and all of the ceiling: 100 ms doubling to 1 s gives 50..100, 100..200, ...
     */
    @Test
    void halfJitterDrawsBetweenHalfAndAllOfTheCeiling() {
        assertThat(draw(new Backoff(fixed(0.0)).retries(100, 1_000, 0.5), 6))
                .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L);
        assertThat(draw(new Backoff(fixed(0.999_999)).retries(100, 1_000, 0.5), 6))
                .containsExactly(51L, 101L, 201L, 401L, 501L, 501L);
    }

    /** GIVEN a fixed seed WHEN a thousand waits are drawn THEN each lies within its share below the cap, never above. */
    @Test
    void jitterStaysWithinItsShareAndTheCap() {
        Backoff backoff = new Backoff(new Random(7));
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delayMs(1_000, 10, 30_000, 0.25)).isBetween(22_500L, 30_000L);
        }
    }

    /** GIVEN the same seed twice and another seed THEN the same seed repeats its waits and the other spreads apart. */
    @Test
    void seededRandomIsRepeatable() {
        List<Long> a = draw(new Backoff(new Random(42)).retries(500, 10_000, 0.3), 6);
        List<Long> b = draw(new Backoff(new Random(42)).retries(500, 10_000, 0.3), 6);
        List<Long> c = draw(new Backoff(new Random(43)).retries(500, 10_000, 0.3), 6);

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    /** GIVEN a loop that grew to its cap WHEN reset after a success THEN its next wait is the first again. */
    @Test
    void resetStartsOverFromTheFirstWait() {
        Backoff.Retries retries = new Backoff(new Random(3)).retries(200, 10_000, 0);
        assertThat(draw(retries, 8)).endsWith(10_000L);
        assertThat(retries.attempts()).isEqualTo(8);

        retries.reset();

        assertThat(retries.attempts()).isZero();
        assertThat(draw(retries, 3)).containsExactly(200L, 400L, 800L);
    }

    /** GIVEN huge attempts and bases THEN nothing overflows; a zero base still waits a millisecond. */
    @Test
    void noOverflow() {
        Backoff backoff = new Backoff(new Random(1));

        assertThat(backoff.delayMs(Long.MAX_VALUE / 2, 1_000, 120_000, 0)).isEqualTo(120_000);
        assertThat(backoff.delayMs(0, 0, 5_000, 0)).isEqualTo(1);
        Backoff.Retries retries = backoff.retries(1, 1_000, 0);
        for (int i = 0; i < 100; i++) retries.next();
        assertThat(retries.next()).isEqualTo(1_000);
    }

    /** GIVEN a loop that could not wait, whose cap is below its start, or whose jitter is out of 0..1 THEN it is refused. */
    @Test
    void refusesImpossibleLoops() {
        Backoff backoff = new Backoff(new Random());

        assertThatThrownBy(() -> backoff.retries(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.retries(10, 5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.retries(10, 50, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
