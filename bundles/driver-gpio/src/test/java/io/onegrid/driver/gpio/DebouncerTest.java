package io.onegrid.driver.gpio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.onegrid.driver.gpio.LineLevel.HIGH;
import static io.onegrid.driver.gpio.LineLevel.LOW;
import static io.onegrid.driver.gpio.LineLevel.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class DebouncerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<LineLevel> stable = new CopyOnWriteArrayList<>();
    private final Debouncer debouncer = new Debouncer(Duration.ofMillis(50), scheduler, stable::add);

    /** The first known level is a sync, not an edge: it counts at once. */
    @Test
    void firstKnownLevelCountsAtOnce() {
        debouncer.onLevel(HIGH);

        assertThat(stable).containsExactly(HIGH);
        assertThat(scheduler.pending()).isZero();
    }

    /** A new level counts only once it has held for the whole debounce time. */
    @Test
    void levelCountsAfterHoldingForTheDebounceTime() {
        debouncer.onLevel(HIGH);

        debouncer.onLevel(LOW);
        scheduler.advance(Duration.ofMillis(49));
        assertThat(stable).containsExactly(HIGH);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(stable).containsExactly(HIGH, LOW);
        assertThat(debouncer.stable()).isEqualTo(LOW);
    }

    /** A bounce back to the stable level before the debounce time is forgotten. */
    @Test
    void bounceShorterThanDebounceIsIgnored() {
        debouncer.onLevel(HIGH);

        debouncer.onLevel(LOW);
        scheduler.advance(Duration.ofMillis(20));
        debouncer.onLevel(HIGH);
        scheduler.advance(Duration.ofMillis(200));

        assertThat(stable).containsExactly(HIGH);
    }

    /** Each new edge restarts the hold time: the level must hold the whole time after the last bounce. */
    @Test
    void repeatedBouncesRestartTheHoldTime() {
        debouncer.onLevel(HIGH);

        debouncer.onLevel(LOW);
        scheduler.advance(Duration.ofMillis(30));
        debouncer.onLevel(HIGH);
        scheduler.advance(Duration.ofMillis(5));
        debouncer.onLevel(LOW);
        scheduler.advance(Duration.ofMillis(45));
        assertThat(stable).containsExactly(HIGH);

        scheduler.advance(Duration.ofMillis(5));
        assertThat(stable).containsExactly(HIGH, LOW);
    }

    /** Repeating the pending level does not restart its hold time. */
    @Test
    void repeatedSameLevelKeepsTheTimer() {
        debouncer.onLevel(HIGH);

        debouncer.onLevel(LOW);
        scheduler.advance(Duration.ofMillis(30));
        debouncer.onLevel(LOW);
        scheduler.advance(Duration.ofMillis(20));

        assertThat(stable).containsExactly(HIGH, LOW);
    }

    /** Losing sight of the line counts at once and calls off a pending level; the next level re-syncs at once. */
    @Test
    void unknownCountsAtOnceAndResyncIsImmediate() {
        debouncer.onLevel(HIGH);
        debouncer.onLevel(LOW);

        debouncer.onLevel(UNKNOWN);
        scheduler.advance(Duration.ofMillis(100));
        debouncer.onLevel(LOW);

        assertThat(stable).containsExactly(HIGH, UNKNOWN, LOW);
    }

    /** With no debounce time every change counts immediately. */
    @Test
    void zeroDebounceCountsImmediately() {
        Debouncer immediate = new Debouncer(Duration.ZERO, scheduler, stable::add);

        immediate.onLevel(LOW);
        immediate.onLevel(HIGH);
        immediate.onLevel(HIGH);

        assertThat(stable).containsExactly(LOW, HIGH);
    }

    /** After close nothing more is reported, not even a level that was pending. */
    @Test
    void closeCallsOffPendingLevel() {
        debouncer.onLevel(HIGH);
        debouncer.onLevel(LOW);

        debouncer.close();
        scheduler.advance(Duration.ofMillis(100));
        debouncer.onLevel(UNKNOWN);

        assertThat(stable).containsExactly(HIGH);
    }
}
