package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.Backoff;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The hold-back rule on its own, with a clock the test moves. */
class HoldBacksTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final HoldBacks holds = new HoldBacks(3,
            () -> new Backoff(new Random(1)).retries(1000, 4000, MqttUplink.Timing.JITTER), nanos::get);

    private void advanceMs(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
    }

    /**
     * GIVEN a message failing on its own WHEN it failed 3 times in a row THEN it is held back for its own delay,
     * offered again once the delay is over, and held longer at its next failure.
     */
    @Test
    void heldBackAfterThresholdThenReleasedThenHeldLonger() {
        assertThat(holds.failed(7)).isEqualTo(-1);
        assertThat(holds.failed(7)).isEqualTo(-1);
        long first = holds.failed(7);

        assertThat(first).isPositive();
        assertThat(holds.held()).containsExactly(7L);
        advanceMs(first);
        assertThat(holds.held()).isEmpty();
        long second = holds.failed(7);
        assertThat(second).isGreaterThanOrEqualTo(first);
        assertThat(holds.held()).containsExactly(7L);
    }

    /**
     * GIVEN a held message and nothing delivered since WHEN another message fails too THEN the failures were not
     * the held one's: every hold and streak is lifted, so it is first again.
     */
    @Test
    void anotherFailureWithNothingDeliveredLiftsTheHolds() {
        for (int i = 0; i < 3; i++) holds.failed(7);

        assertThat(holds.failed(8)).isEqualTo(-1);

        assertThat(holds.held()).isEmpty();
        assertThat(holds.streak(7)).isZero();
        assertThat(holds.streak(8)).isZero();
    }

    /** GIVEN a held message WHEN another is delivered and then a third fails THEN the hold stays (the hub works). */
    @Test
    void holdStaysWhileOthersGetThrough() {
        for (int i = 0; i < 3; i++) holds.failed(7);
        holds.delivered(8);

        assertThat(holds.failed(9)).isEqualTo(-1);

        assertThat(holds.held()).containsExactly(7L);
        assertThat(holds.streak(9)).isEqualTo(1);
    }

    /**
     * GIVEN a held message WHEN the hub answers another with a retryable code THEN the hub is refusing for now,
     * so the hold is lifted; and any PUBACK for a message ends its own streak.
     */
    @Test
    void retryableRefusalLiftsHoldsAndEndsTheStreak() {
        for (int i = 0; i < 3; i++) holds.failed(7);
        holds.failed(9); // lifted here already: nothing delivered since the hold
        for (int i = 0; i < 3; i++) holds.failed(7);

        holds.refusedForNow(9);

        assertThat(holds.held()).isEmpty();
        holds.failed(5);
        holds.failed(5);
        holds.reachedHub(5);
        assertThat(holds.streak(5)).isZero();
    }
}
