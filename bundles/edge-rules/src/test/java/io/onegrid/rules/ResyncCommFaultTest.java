package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.Reading;
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
 * Re-synchronisation when a device becomes readable again: comm-fault alarms restored after a restart, a GPIO
 * line that was lost (BAD) and comes back, a device that was reported in fault and answers again.
 */
class ResyncCommFaultTest {
    private final FakeClock clock = new FakeClock();
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Registry registry = new Fakes.Registry();
    private final AtomicInteger ids = new AtomicInteger();
    private final DeviceRef hydrant = Fakes.device("hydrant-1", "hydrant-pressure-modbus", Map.of());
    private final RuleEngine engine = new RuleEngine(registry,
            new Fakes.Catalog().add(Fakes.smokeProfile()).add(Fakes.hydrantProfile()), new Fakes.Writer(log),
            new AlarmPersister(store, new Fakes.Encoder(), new Fakes.Scheduler(clock), clock, 30_000), clock, ZoneId.of("UTC"),
            FlapPolicy.DEFAULT, () -> "new-" + ids.incrementAndGet(), Duration.ofMinutes(5));

    ResyncCommFaultTest() {
        registry.add(hydrant).add(Fakes.device("smoke-302", "smoke-detector-gpio", Map.of()));
    }

    private void feed(Reading r) {
        engine.onReadings(List.of(r));
    }

    /**
     * GIVEN a comm-fault alarm persisted as raised WHEN the device's first reading after the restart arrives
     * (the new poller never saw the fault, so it never says "answering again") THEN the comm fault is cleared
     * with its stored id, and the reading itself raises nothing.
     */
    @Test
    void restoredCommFaultClearsOnTheFirstReading() {
        engine.restore(List.of(new ActiveAlarm("stored-cf", "hydrant-1", "comm-fault", 1, 2, "MINOR")));

        feed(Fakes.good(clock, "hydrant-1", "pressure", 0.35));

        assertThat(store.recorded).singleElement().satisfies(t -> {
            assertThat(t.alarmId()).isEqualTo("stored-cf");
            assertThat(t.ruleId()).isEqualTo("comm-fault");
            assertThat(t.raised()).isFalse();
            assertThat(t.message()).contains("device answering").contains("seen at re-sync (first reading since start)");
        });
    }

    /**
     * GIVEN a comm-fault alarm persisted as raised WHEN the device is still not answering after the restart
     * THEN the poller's fault report raises nothing new, and its recovery clears the stored alarm as usual.
     */
    @Test
    void restoredCommFaultStillFaultedIsNotRaisedAgainAndClearsOnRecovery() {
        engine.restore(List.of(new ActiveAlarm("stored-cf", "hydrant-1", "comm-fault", 1, 2, "MINOR")));

        engine.onCommunication(hydrant, true, "TIMEOUT: no answer");
        feed(Reading.bad("hydrant-1", "pressure", "MPa", clock));
        assertThat(store.recorded).isEmpty();

        engine.onCommunication(hydrant, false, "answering again");
        feed(Fakes.good(clock, "hydrant-1", "pressure", 0.35));
        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(tuple("stored-cf", false));
    }

    /**
     * GIVEN smoke raised, then the GPIO line lost (BAD) WHEN the line comes back without smoke THEN the alarm is
     * cleared, noted as found after the line was unreadable; WHEN it is lost and comes back unchanged THEN
     * nothing is sent.
     */
    @Test
    void lineLostAndBackClearsWhatChangedAndNothingElse() {
        feed(Fakes.good(clock, "smoke-302", "smoke", true));
        feed(Reading.bad("smoke-302", "smoke", null, clock));
        assertThat(engine.state("smoke-302", "smoke")).as("BAD readings clear nothing").contains(State.RAISED);

        feed(Fakes.good(clock, "smoke-302", "smoke", false));
        assertThat(store.recorded).extracting(AlarmTransition::raised).containsExactly(true, false);
        assertThat(store.recorded.get(1).message()).contains("seen at re-sync (first reading after smoke was unreadable)");

        feed(Reading.bad("smoke-302", "smoke", null, clock));
        feed(Fakes.good(clock, "smoke-302", "smoke", false));
        assertThat(store.recorded).hasSize(2);
    }

    /**
     * GIVEN a device reported in fault (comm fault raised) WHEN it answers again and its first reading shows a
     * condition that appeared meanwhile THEN the comm fault clears as usual and the new alarm is raised, noted as
     * found after the device stopped answering.
     */
    @Test
    void deviceFaultThenRecoveryRaisesWhatAppearedMeanwhile() {
        feed(Fakes.good(clock, "hydrant-1", "pressure", 0.35));
        engine.onCommunication(hydrant, true, "TIMEOUT: no answer");
        clock.advanceSeconds(120);
        engine.onCommunication(hydrant, false, "answering again");
        feed(Fakes.good(clock, "hydrant-1", "pressure", 0.05));
        clock.advanceSeconds(30);
        engine.tick();

        assertThat(store.recorded).extracting(AlarmTransition::ruleId, AlarmTransition::raised).containsExactly(
                tuple("comm-fault", true), tuple("comm-fault", false), tuple("low-pressure", true));
        assertThat(store.recorded.get(2).message())
                .contains("seen at re-sync (first reading after the device stopped answering)");
    }
}
