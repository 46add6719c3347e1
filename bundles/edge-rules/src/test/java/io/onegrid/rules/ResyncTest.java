package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Re-synchronisation after a restart, per rule kind: the engine starts with the alarms the store says are
 * raised, and the first reading of each channel is compared with them. No duplicate raise for an unchanged
 * state, a clear (with the stored id) for a condition that is gone, a raise for one that appeared, after the
 * rule's minimum duration counted from that first reading. Time is a {@link FakeClock} moved by hand.
 */
class ResyncTest {
    static final String NOTE = "seen at re-sync (first reading since start)";

    private final FakeClock clock = new FakeClock();
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Registry registry = new Fakes.Registry();
    private final AtomicInteger ids = new AtomicInteger();
    private final Fakes.Catalog catalog = new Fakes.Catalog().add(Fakes.smokeProfile()).add(Fakes.hydrantProfile())
            .add(Fakes.doorProfile()).add(Fakes.profile("leak-gpio", "gpio", leak()))
            .add(Fakes.profile("flow-modbus", "modbus-tcp", fastRise()));
    private final RuleEngine engine = new RuleEngine(registry, catalog, new Fakes.Writer(log),
            new AlarmPersister(store, new Fakes.Encoder(), new Fakes.Scheduler(clock), clock, 30_000), clock, ZoneId.of("UTC"),
            FlapPolicy.DEFAULT, () -> "new-" + ids.incrementAndGet(), Duration.ofMinutes(5));

    ResyncTest() {
        for (String[] d : new String[][] {{"smoke-302", "smoke-detector-gpio"}, {"hydrant-1", "hydrant-pressure-modbus"},
                {"door-302", "door-contact-gpio"}, {"leak-1", "leak-gpio"}, {"flow-1", "flow-modbus"}}) {
            registry.add(Fakes.device(d[0], d[1], Map.of()));
        }
    }

    static AlarmRuleSpec leak() {
        return new AlarmRuleSpec("leak", RuleKind.STATE, "leak", true, null, null, null, Duration.ofSeconds(30), null,
                null, null, null, Severity.MAJOR, "water.leak", "Water leak", List.of());
    }

    static AlarmRuleSpec fastRise() {
        return new AlarmRuleSpec("fast-rise", RuleKind.RATE, "flow", null, null, null, null, null, 10.0, null, null,
                null, Severity.MINOR, "water.flow", "Flow rising fast", List.of());
    }

    /** The engine restarts holding what the store says was raised before the restart. */
    private void restart(String device, String rule) {
        engine.restore(List.of(new ActiveAlarm("stored-" + rule, device, rule, 111, 222, "MAJOR")));
    }

    private void feed(String device, String channel, Object value) {
        engine.onReadings(List.of(Fakes.good(clock, device, channel, value)));
    }

    /**
     * GIVEN smoke persisted as raised WHEN the first reading after the restart still says smoke THEN nothing
     * is sent (no duplicate raise), the siren is driven again, and the later clear reuses the stored id.
     */
    @Test
    void stateRaisedAndStillTrueIsNotRaisedAgain() {
        restart("smoke-302", "smoke");

        feed("smoke-302", "smoke", true);

        assertThat(store.recorded).isEmpty();
        assertThat(log.events).containsExactly("write smoke-302/siren=true");
        assertThat(engine.state("smoke-302", "smoke")).contains(State.RAISED);
        feed("smoke-302", "smoke", false);
        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(tuple("stored-smoke", false));
    }

    /**
     * GIVEN smoke persisted as raised WHEN the first reading after the restart says no smoke THEN the alarm is
     * cleared with its stored id and raise time, timed when the gateway saw it, with a note saying so.
     */
    @Test
    void stateRaisedAndConditionGoneIsCleared() {
        restart("smoke-302", "smoke");
        clock.advanceSeconds(3);
        long seenWall = clock.wallMs();

        feed("smoke-302", "smoke", false);

        AlarmTransition clear = store.recorded.get(0);
        assertThat(store.recorded).hasSize(1);
        assertThat(clear.alarmId()).isEqualTo("stored-smoke");
        assertThat(clear.raised()).isFalse();
        assertThat(clear.raisedWallMs()).isEqualTo(111);
        assertThat(clear.wallMs()).isEqualTo(seenWall);
        assertThat(clear.message()).contains("smoke false").contains(NOTE);
    }

    /**
     * GIVEN no stored alarm and a leak rule that needs 30 s WHEN the first reading after start shows a leak
     * THEN nothing is raised before 30 s from that first sight, and the raise then says it was found at re-sync.
     */
    @Test
    void notRaisedAndNowTrueRaisesAfterMinDurationFromFirstSight() {
        clock.advanceSeconds(10);
        Reading first = Fakes.good(clock, "leak-1", "leak", true);
        engine.onReadings(List.of(first));
        clock.advanceSeconds(29);
        engine.tick();
        assertThat(store.recorded).isEmpty();
        assertThat(engine.state("leak-1", "leak")).contains(State.PENDING);

        clock.advanceSeconds(1);
        engine.tick();

        AlarmTransition raise = store.recorded.get(0);
        assertThat(raise.raised()).isTrue();
        assertThat(raise.alarmId()).isEqualTo("new-1");
        assertThat(raise.raisedMonoMs()).isEqualTo(first.monoMs() + 30_000);
        assertThat(raise.readings()).containsExactly(first);
        assertThat(raise.message()).contains(NOTE);
    }

    /**
     * GIVEN no stored alarm and a smoke rule without minimum duration WHEN the first reading shows smoke THEN it
     * is raised at once (siren first), so a detector that went into alarm while the gateway was down is seen.
     */
    @Test
    void notRaisedAndNowTrueWithoutMinDurationRaisesAtOnce() {
        feed("smoke-302", "smoke", true);

        assertThat(log.events).containsExactly("write smoke-302/siren=true", "record raise smoke");
        assertThat(store.recorded.get(0).message()).isEqualTo("Smoke detected (smoke true; " + NOTE
                + "; it changed while the gateway could not see it)");
    }

    /**
     * GIVEN a leak persisted as raised (rule with a 30 s minimum) WHEN the leak is still seen after the restart
     * and time passes THEN the restarted minimum-duration timer neither clears nor raises it again.
     */
    @Test
    void restoredAlarmOfARuleWithMinDurationIsNotClearedByItsTimer() {
        restart("leak-1", "leak");

        feed("leak-1", "leak", true);
        clock.advanceSeconds(60);
        engine.tick();
        feed("leak-1", "leak", true);

        assertThat(store.recorded).isEmpty();
        assertThat(engine.state("leak-1", "leak")).contains(State.RAISED);
    }

    /**
     * GIVEN low hydrant pressure persisted as raised WHEN the first reading lies in the hysteresis band THEN it
     * stays raised (nothing sent); once pressure is back past the band it clears with the stored id.
     */
    @Test
    void thresholdRaisedInBandStaysThenClears() {
        restart("hydrant-1", "low-pressure");

        feed("hydrant-1", "pressure", 0.11);
        clock.advanceSeconds(60);
        engine.tick();
        assertThat(store.recorded).isEmpty();

        feed("hydrant-1", "pressure", 0.35);
        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(tuple("stored-low-pressure", false));
    }

    /**
     * GIVEN low pressure persisted as raised WHEN the first reading after the restart is normal THEN the clear
     * is sent at once, marked as found at re-sync.
     */
    @Test
    void thresholdRaisedAndConditionGoneIsCleared() {
        restart("hydrant-1", "low-pressure");

        feed("hydrant-1", "pressure", 0.35);

        assertThat(store.recorded).singleElement().satisfies(t -> {
            assertThat(t.alarmId()).isEqualTo("stored-low-pressure");
            assertThat(t.raised()).isFalse();
            assertThat(t.message()).contains(NOTE);
        });
    }

    /**
     * GIVEN a fast-rise (rate) alarm persisted as raised WHEN the first reading after the restart arrives THEN it
     * only sets the rate's baseline (no clear); the next pair, rising slowly, clears it with the stored id.
     */
    @Test
    void rateRaisedNeedsTwoReadingsBeforeItClears() {
        restart("flow-1", "fast-rise");

        feed("flow-1", "flow", 5.0);
        assertThat(store.recorded).isEmpty();
        clock.advanceSeconds(60);
        feed("flow-1", "flow", 6.0);

        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(tuple("stored-fast-rise", false));
    }

    /**
     * GIVEN an elder's no-activity alarm persisted as raised WHEN the first door reading after the restart
     * arrives and more than the inactivity period passes THEN it is neither cleared (the first reading is only a
     * baseline) nor raised again; the next door change clears it with the stored id.
     */
    @Test
    void inactivityRaisedStaysUntilActivity() {
        restart("door-302", "no-activity");

        feed("door-302", "door", false);
        clock.advance(Duration.ofHours(13));
        engine.tick();
        assertThat(store.recorded).isEmpty();
        assertThat(engine.state("door-302", "no-activity")).contains(State.RAISED);

        feed("door-302", "door", true);
        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(tuple("stored-no-activity", false));
    }
}
