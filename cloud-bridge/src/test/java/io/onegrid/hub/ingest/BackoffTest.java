package io.onegrid.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Random whose every draw is the given fraction, so the jitter's bounds can be checked exactly. */
    private static Random fixed(double fraction) {
        return new Random() {
            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    /**
     * Verifies that the ceiling doubles up to the maximum and each delay lies between half and all of it:
     * GIVEN 100 ms doubling to 1 s WHEN drawn with the lowest and the highest jitter THEN 50..100, 100..200, … 500..1000.
     */
    @Test
    void ceilingDoublesToMaximumWithJitterBetweenHalfAndAll() {
        Backoff low = new Backoff(100, 1000, fixed(0.0));
        Backoff high = new Backoff(100, 1000, fixed(0.999999));
        long[] lows = new long[6];
        long[] highs = new long[6];
        for (int i = 0; i < 6; i++) {
            lows[i] = low.next();
            highs[i] = high.next();
        }
        assertThat(lows).containsExactly(50, 100, 200, 400, 500, 500);
        assertThat(highs).containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    /** Verifies that a backoff that could not wait (0 ms) or whose maximum is below its start is refused. */
    @Test
    void refusesImpossibleBounds() {
        assertThatThrownBy(() -> new Backoff(0, 10, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 5, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
