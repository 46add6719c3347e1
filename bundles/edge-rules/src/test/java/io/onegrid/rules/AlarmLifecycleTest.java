package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition of the alarm lifecycle state machine, driven by a fake clock. */
class AlarmLifecycleTest {
    private final FakeClock clock = new FakeClock();
    private final AtomicInteger next = new AtomicInteger();

    private AlarmLifecycle lifecycle(long minDurationMs, FlapPolicy flap) {
        return new AlarmLifecycle("dev/rule", clock, minDurationMs, flap, () -> "alarm-" + next.incrementAndGet());
    }

    private AlarmLifecycle lifecycle(long minDurationMs) {
        return lifecycle(minDurationMs, FlapPolicy.DEFAULT);
    }

    private Reading reading(Object v) {
        return Fakes.good(clock, "dev", "ch", v);
    }

    /** CLEAR + RAISE without a minimum duration raises at once, with a new id and the causing reading. */
    @Test
    void clearToRaisedAtOnceWithoutMinDuration() {
        AlarmLifecycle lc = lifecycle(0);
        Reading r = reading(true);

        Optional<Transition> t = lc.signal(Signal.RAISE, r, "smoke true");

        assertThat(t).hasValueSatisfying(x -> {
            assertThat(x.type()).isEqualTo(Transition.Type.RAISE);
            assertThat(x.alarmId()).isEqualTo("alarm-1");
            assertThat(x.readings()).containsExactly(r);
            assertThat(x.raisedMonoMs()).isEqualTo(clock.monoMs());
        });
        assertThat(lc.state()).isEqualTo(State.RAISED);
    }

    /** CLEAR + HOLD or CLEAR stays CLEAR and emits nothing. */
    @Test
    void clearStaysClearOnHoldAndClear() {
        AlarmLifecycle lc = lifecycle(0);

        assertThat(lc.signal(Signal.HOLD, reading(1.0), "")).isEmpty();
        assertThat(lc.signal(Signal.CLEAR, reading(1.0), "")).isEmpty();
        assertThat(lc.state()).isEqualTo(State.CLEAR);
    }

    /** CLEAR + RAISE with a minimum duration goes PENDING and emits nothing. */
    @Test
    void clearToPendingWithMinDuration() {
        AlarmLifecycle lc = lifecycle(30_000);

        assertThat(lc.signal(Signal.RAISE, reading(0.05), "low")).isEmpty();
        assertThat(lc.state()).isEqualTo(State.PENDING);
        assertThat(lc.alarmId()).isNull();
    }

    /** PENDING + RAISE before the minimum duration stays PENDING; at the minimum duration it raises. */
    @Test
    void pendingToRaisedOnReadingOnceMinDurationHeld() {
        AlarmLifecycle lc = lifecycle(30_000);
        Reading first = reading(0.05);
        lc.signal(Signal.RAISE, first, "low");
        clock.advanceSeconds(29);
        assertThat(lc.signal(Signal.RAISE, reading(0.05), "low")).isEmpty();
        assertThat(lc.state()).isEqualTo(State.PENDING);

        clock.advanceSeconds(1);
        Reading last = reading(0.04);
        Optional<Transition> t = lc.signal(Signal.RAISE, last, "low");

        assertThat(t).hasValueSatisfying(x -> {
            assertThat(x.type()).isEqualTo(Transition.Type.RAISE);
            assertThat(x.readings()).startsWith(first).endsWith(last);
        });
        assertThat(lc.state()).isEqualTo(State.RAISED);
    }

    /** PENDING + tick raises once the minimum duration has passed without any new reading. */
    @Test
    void pendingToRaisedOnTick() {
        AlarmLifecycle lc = lifecycle(30_000);
        lc.signal(Signal.RAISE, reading(0.05), "low");
        clock.advanceSeconds(10);
        assertThat(lc.tick()).isEmpty();

        clock.advanceSeconds(20);

        assertThat(lc.tick()).hasValueSatisfying(x -> assertThat(x.type()).isEqualTo(Transition.Type.RAISE));
        assertThat(lc.state()).isEqualTo(State.RAISED);
    }

    /** PENDING + HOLD or CLEAR goes back to CLEAR and the next RAISE starts the timer again (a dip resets it). */
    @Test
    void pendingBackToClearResetsTimer() {
        AlarmLifecycle lc = lifecycle(30_000);
        lc.signal(Signal.RAISE, reading(0.05), "low");
        clock.advanceSeconds(20);
        assertThat(lc.signal(Signal.HOLD, reading(0.11), "dip")).isEmpty();
        assertThat(lc.state()).isEqualTo(State.CLEAR);

        lc.signal(Signal.RAISE, reading(0.05), "low");
        clock.advanceSeconds(20);
        assertThat(lc.tick()).isEmpty();
        assertThat(lc.state()).isEqualTo(State.PENDING);
        clock.advanceSeconds(10);
        assertThat(lc.tick()).isPresent();

        AlarmLifecycle other = lifecycle(30_000);
        other.signal(Signal.RAISE, reading(0.05), "low");
        assertThat(other.signal(Signal.CLEAR, reading(0.2), "ok")).isEmpty();
        assertThat(other.state()).isEqualTo(State.CLEAR);
    }

    /** RAISED + RAISE or HOLD stays RAISED and emits nothing (no duplicate raise). */
    @Test
    void raisedStaysRaisedOnRaiseAndHold() {
        AlarmLifecycle lc = lifecycle(0);
        lc.signal(Signal.RAISE, reading(true), "");

        assertThat(lc.signal(Signal.RAISE, reading(true), "")).isEmpty();
        assertThat(lc.signal(Signal.HOLD, reading(true), "")).isEmpty();
        assertThat(lc.state()).isEqualTo(State.RAISED);
        assertThat(lc.alarmId()).isEqualTo("alarm-1");
    }

    /** RAISED + CLEAR clears with the raise's id and raise time; the next raise gets a new id. */
    @Test
    void raisedToClearReusesIdThenNewIdForNextRaise() {
        AlarmLifecycle lc = lifecycle(0);
        Transition raise = lc.signal(Signal.RAISE, reading(true), "").orElseThrow();
        clock.advanceSeconds(5);
        Reading off = reading(false);

        Transition clear = lc.signal(Signal.CLEAR, off, "smoke false").orElseThrow();

        assertThat(clear.type()).isEqualTo(Transition.Type.CLEAR);
        assertThat(clear.alarmId()).isEqualTo(raise.alarmId());
        assertThat(clear.raisedMonoMs()).isEqualTo(raise.raisedMonoMs());
        assertThat(clear.monoMs()).isEqualTo(raise.monoMs() + 5000);
        assertThat(clear.readings()).containsExactly(off);
        assertThat(lc.state()).isEqualTo(State.CLEAR);
        assertThat(lc.signal(Signal.RAISE, reading(true), "").orElseThrow().alarmId()).isEqualTo("alarm-2");
    }

    /** A restored alarm is RAISED with its stored id: the condition seen again only re-asserts actions, once; the clear reuses the id. */
    @Test
    void restoredAlarmReassertsOnceAndClearsWithStoredId() {
        AlarmLifecycle lc = lifecycle(0);
        lc.restore("stored-1", 111, 222);
        assertThat(lc.state()).isEqualTo(State.RAISED);

        assertThat(lc.signal(Signal.RAISE, reading(true), "")).hasValueSatisfying(
                t -> assertThat(t.type()).isEqualTo(Transition.Type.REASSERT));
        assertThat(lc.signal(Signal.RAISE, reading(true), "")).isEmpty();
        Transition clear = lc.signal(Signal.CLEAR, reading(false), "").orElseThrow();

        assertThat(clear.alarmId()).isEqualTo("stored-1");
        assertThat(clear.raisedWallMs()).isEqualTo(111);
        assertThat(clear.raisedMonoMs()).isEqualTo(222);
        assertThat(next.get()).isZero();
    }

    /** A clear that would exceed the flapping limit is held; it is sent after a whole quiet window. */
    @Test
    void flappingHoldsClearUntilQuietForWindow() {
        AlarmLifecycle lc = lifecycle(0, new FlapPolicy(2, Duration.ofMinutes(10)));
        assertThat(lc.signal(Signal.RAISE, reading(true), "")).isPresent();   // change 1
        clock.advanceSeconds(10);
        assertThat(lc.signal(Signal.CLEAR, reading(false), "")).isPresent();  // change 2
        clock.advanceSeconds(10);
        Transition raise2 = lc.signal(Signal.RAISE, reading(true), "").orElseThrow(); // change 3: raises are never held
        clock.advanceSeconds(10);

        assertThat(lc.signal(Signal.CLEAR, reading(false), "")).isEmpty();   // change 4 would exceed 2
        assertThat(lc.state()).isEqualTo(State.RAISED);
        assertThat(lc.suppressingFlap()).isTrue();

        clock.advance(Duration.ofMinutes(9));
        assertThat(lc.tick()).isEmpty();
        assertThat(lc.signal(Signal.RAISE, reading(true), "")).isEmpty();    // flaps again: quiet timer restarts
        clock.advanceSeconds(5);
        assertThat(lc.signal(Signal.CLEAR, reading(false), "")).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(lc.tick()).isEmpty();
        clock.advance(Duration.ofMinutes(1));

        Transition clear = lc.tick().orElseThrow();
        assertThat(clear.type()).isEqualTo(Transition.Type.CLEAR);
        assertThat(clear.alarmId()).isEqualTo(raise2.alarmId());
        assertThat(lc.suppressingFlap()).isFalse();
        assertThat(lc.state()).isEqualTo(State.CLEAR);
    }

    /** Changes older than the flapping window do not count. */
    @Test
    void changesOutsideWindowDoNotCountAsFlapping() {
        AlarmLifecycle lc = lifecycle(0, new FlapPolicy(2, Duration.ofMinutes(10)));
        for (int i = 0; i < 5; i++) {
            assertThat(lc.signal(Signal.RAISE, reading(true), "")).isPresent();
            clock.advance(Duration.ofMinutes(6));
            assertThat(lc.signal(Signal.CLEAR, reading(false), "")).as("cycle %d", i).isPresent();
            clock.advance(Duration.ofMinutes(6));
        }
    }

    /** A forced clear (rule disabled, device removed) clears a raised alarm and drops a pending one. */
    @Test
    void forceClearClearsRaisedAndDropsPending() {
        AlarmLifecycle raised = lifecycle(0);
        raised.signal(Signal.RAISE, reading(true), "");
        assertThat(raised.forceClear("rule disabled")).hasValueSatisfying(t -> {
            assertThat(t.type()).isEqualTo(Transition.Type.CLEAR);
            assertThat(t.detail()).isEqualTo("rule disabled");
        });

        AlarmLifecycle pending = lifecycle(30_000);
        pending.signal(Signal.RAISE, reading(true), "");
        assertThat(pending.forceClear("rule disabled")).isEmpty();
        assertThat(pending.state()).isEqualTo(State.CLEAR);
    }
}
