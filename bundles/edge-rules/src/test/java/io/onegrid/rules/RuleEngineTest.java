package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DriverException;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.Reading;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine with in-test api services: actuation, persistence, restart, live changes (overrides: {@link RuleEngineOverridesTest}). */
class RuleEngineTest {
    private final FakeClock clock = new FakeClock();
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Writer writer = new Fakes.Writer(log);
    private final Fakes.Registry registry = new Fakes.Registry();
    private final Fakes.Catalog catalog = new Fakes.Catalog()
            .add(Fakes.smokeProfile()).add(Fakes.hydrantProfile()).add(Fakes.doorProfile());
    private final Fakes.Scheduler scheduler = new Fakes.Scheduler(clock);
    private final AlarmPersister persister = new AlarmPersister(store, new Fakes.Encoder(), scheduler, clock, 30_000);
    private final AtomicInteger ids = new AtomicInteger();
    private RuleEngine engine;

    private static final DeviceRef SMOKE = Fakes.device("smoke-302", "smoke-detector-gpio", Map.of());
    private static final DeviceRef HYDRANT = Fakes.device("hydrant-1", "hydrant-pressure-modbus", Map.of());

    @BeforeEach
    void setUp() {
        registry.add(SMOKE).add(HYDRANT);
        engine = engine(FlapPolicy.DEFAULT);
    }

    private RuleEngine engine(FlapPolicy flap) {
        return new RuleEngine(registry, catalog, writer, persister, clock, ZoneId.of("UTC"), flap,
                () -> "id-" + ids.incrementAndGet(), Duration.ofMinutes(5));
    }

    private Reading smoke(boolean on) {
        return Fakes.good(clock, "smoke-302", "smoke", on);
    }

    private Reading pressure(double mpa) {
        return Fakes.good(clock, "hydrant-1", "pressure", mpa);
    }

    private void feed(Reading... readings) {
        engine.onReadings(List.of(readings));
    }

    /** A smoke raise writes the siren before the store is touched; the transition carries what the hub needs. */
    @Test
    void raiseActuatesBeforePersisting() {
        feed(smoke(false)); // the first reading is a re-sync point (ResyncTest); this one is an ordinary change
        Reading on = smoke(true);
        feed(on);

        assertThat(log.events).containsExactly("write smoke-302/siren=true", "record raise smoke");
        AlarmTransition t = store.recorded.get(0);
        assertThat(t.alarmId()).isEqualTo("id-1");
        assertThat(t.deviceId()).isEqualTo("smoke-302");
        assertThat(t.raised()).isTrue();
        assertThat(t.severity()).isEqualTo("CRITICAL");
        assertThat(t.caseType()).isEqualTo("fire.smoke");
        assertThat(t.coverage()).isEqualTo(Fakes.FLAT_302);
        assertThat(t.readings()).containsExactly(on);
        assertThat(t.message()).isEqualTo("Smoke detected (smoke true)");
        assertThat(store.messages.get(0).kind()).isEqualTo("alarm");
    }

    /** The clear reuses the raise's id and does not silence the siren (the action does not say so). */
    @Test
    void clearReusesIdAndDoesNotSilence() {
        feed(smoke(true));
        clock.advanceSeconds(20);
        feed(smoke(false));

        assertThat(log.events).containsExactly("write smoke-302/siren=true", "record raise smoke", "record clear smoke");
        AlarmTransition clear = store.recorded.get(1);
        assertThat(clear.alarmId()).isEqualTo("id-1");
        assertThat(clear.raised()).isFalse();
        assertThat(clear.message()).startsWith("cleared: Smoke detected");
        assertThat(clear.raisedMonoMs()).isEqualTo(store.recorded.get(0).raisedMonoMs());
    }

    /** When the store throws, the siren still sounds, the alarm stays raised in memory and is persisted on retry. */
    @Test
    void actuationHappensEvenWhenPersistenceThrows() {
        store.failing = true;

        feed(smoke(true));

        assertThat(log.events).containsExactly("write smoke-302/siren=true", "record-failed raise smoke");
        assertThat(engine.state("smoke-302", "smoke")).contains(State.RAISED);
        assertThat(persister.unpersisted()).hasSize(1);

        store.failing = false;
        scheduler.runDelayed();
        assertThat(store.recorded).extracting(AlarmTransition::alarmId).containsExactly("id-1");
        assertThat(persister.unpersisted()).isEmpty();
    }

    /**
     * GIVEN a siren write that completes only once the bus thread has handed the device another reading
     * (the bus thread is the one that runs the write, after it delivered that reading) WHEN smoke raises the
     * alarm THEN the bus thread does not block on the device's lock, the siren is written, and the raise is
     * persisted after it.
     */
    @Test
    void actionRunsOutsideTheDeviceLock() throws Exception {
        ExecutorService bus = Executors.newSingleThreadExecutor();
        try {
            Reading busReading = smoke(true);
            ChannelWriter waitsForTheBus = (deviceId, channel, value) -> {
                Future<?> delivered = bus.submit(() -> engine.onReadings(List.of(busReading)));
                try {
                    delivered.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new DriverException(DriverException.Code.TIMEOUT, "bus thread stuck on the device lock");
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                writer.write(deviceId, channel, value);
            };
            engine = new RuleEngine(registry, catalog, waitsForTheBus, persister, clock, ZoneId.of("UTC"),
                    FlapPolicy.DEFAULT, () -> "id-" + ids.incrementAndGet(), Duration.ofMinutes(5));

            feed(smoke(true));

            assertThat(log.events).containsExactly("write smoke-302/siren=true", "record raise smoke");
        } finally {
            bus.shutdownNow();
        }
    }

    /** A failing siren write is logged and does not stop the alarm. */
    @Test
    void failingActuationDoesNotStopTheAlarm() {
        writer.failing = true;
        feed(smoke(true));
        assertThat(log.events).containsExactly("record raise smoke");
    }

    /** After a restart a stored alarm is RAISED: no duplicate raise, the siren is re-asserted, the clear reuses the id. */
    @Test
    void restartWithActiveAlarmNoDuplicateRaiseClearReusesId() throws Exception {
        store.active.add(new ActiveAlarm("stored-1", "smoke-302", "smoke", 111, 222, "CRITICAL"));
        store.active.add(new ActiveAlarm("stored-2", "hydrant-1", "low-pressure", 333, 444, "MAJOR"));
        engine.restore(store.active());

        feed(smoke(true));
        feed(pressure(0.05));
        clock.advanceSeconds(60);
        engine.tick();
        feed(pressure(0.05));
        assertThat(store.recorded).isEmpty();
        assertThat(log.events).containsExactly("write smoke-302/siren=true");

        feed(smoke(false), pressure(0.13));

        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stored-1", false),
                        org.assertj.core.groups.Tuple.tuple("stored-2", false));
        assertThat(store.recorded.get(0).raisedWallMs()).isEqualTo(111);
        assertThat(ids.get()).isZero();
    }

    /** If the store answered only after a rule raised anew, the stored alarm is cleared so nothing stays open. */
    @Test
    void lateRestoreClearsSupersededStoredAlarm() {
        feed(smoke(true));
        engine.restore(List.of(new ActiveAlarm("stored-1", "smoke-302", "smoke", 1, 2, "CRITICAL")));

        assertThat(store.recorded).extracting(AlarmTransition::alarmId, AlarmTransition::raised)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id-1", true),
                        org.assertj.core.groups.Tuple.tuple("stored-1", false));
    }

    /** A restored alarm whose device is no longer configured is cleared once the grace period is over. */
    @Test
    void restoredAlarmOfUnconfiguredDeviceIsClearedAfterGrace() {
        engine.restore(List.of(new ActiveAlarm("old-1", "gone-9", "smoke", 1, 2, "CRITICAL")));
        engine.tick();
        assertThat(store.recorded).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        engine.tick();
        assertThat(store.recorded).singleElement().satisfies(t -> {
            assertThat(t.alarmId()).isEqualTo("old-1");
            assertThat(t.raised()).isFalse();
        });
    }

    /** The threshold of the demo hydrant through the engine: 30 s below 0.10 raises (on a tick), 0.12 clears. */
    @Test
    void hydrantThresholdThroughTicks() {
        feed(pressure(0.08));
        clock.advanceSeconds(29);
        engine.tick();
        assertThat(store.recorded).isEmpty();
        clock.advanceSeconds(1);
        engine.tick();
        assertThat(store.recorded).singleElement().satisfies(t -> {
            assertThat(t.severity()).isEqualTo("MAJOR");
            assertThat(t.caseType()).isEqualTo("fire.hydrant-pressure-low");
            assertThat(t.readings()).extracting(Reading::value).containsExactly(0.08);
        });
        feed(pressure(0.115));
        feed(pressure(0.12));
        assertThat(store.recorded).hasSize(2);
    }

    /** Every device gets a comm-fault alarm (implicit rule) from the poller's communication events. */
    @Test
    void commFaultFromCommunicationEvents() {
        engine.onCommunication(HYDRANT, true, "timeout");
        engine.onCommunication(HYDRANT, false, "answering");

        assertThat(store.recorded).extracting(AlarmTransition::ruleId, AlarmTransition::raised, AlarmTransition::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("comm-fault", true, "MINOR"),
                        org.assertj.core.groups.Tuple.tuple("comm-fault", false, "MINOR"));
        assertThat(store.recorded.get(0).message()).isEqualTo("Device not answering (device not answering: timeout)");
    }

    /** Inactivity needs no readings at all: ticks raise it, the next door change clears it. */
    @Test
    void inactivityRaisedByTicks() {
        registry.add(Fakes.device("door-302", "door-contact-gpio", Map.of("no-activity.inactivity", "13h")));
        engine.tick();
        feed(Fakes.good(clock, "door-302", "door", false));
        clock.advance(Duration.ofHours(12));
        engine.tick();
        assertThat(store.recorded).isEmpty();
        clock.advance(Duration.ofHours(1));
        engine.tick();
        assertThat(store.recorded).singleElement().satisfies(t -> assertThat(t.caseType()).isEqualTo("welfare.no-activity"));
        feed(Fakes.good(clock, "door-302", "door", true));
        assertThat(store.recorded).hasSize(2);
    }

    /** A live override change keeps the alarm state (no duplicate raise); disabling a raised rule clears it. */
    @Test
    void liveConfigurationChange() {
        feed(smoke(true));
        registry.add(Fakes.device("smoke-302", "smoke-detector-gpio", Map.of("smoke.severity", "MAJOR")));
        engine.tick();
        feed(smoke(true));
        assertThat(store.recorded).hasSize(1);

        registry.add(Fakes.device("smoke-302", "smoke-detector-gpio", Map.of("smoke.enabled", "false")));
        engine.tick();

        assertThat(store.recorded).hasSize(2);
        assertThat(store.recorded.get(1).raised()).isFalse();
        assertThat(store.recorded.get(1).alarmId()).isEqualTo("id-1");
    }

    /** A device removed from the configuration has its raised alarms cleared after the grace period. */
    @Test
    void removedDeviceClearedAfterGrace() {
        feed(smoke(true));
        registry.devices.remove("smoke-302");
        engine.tick();
        clock.advance(Duration.ofMinutes(4));
        engine.tick();
        assertThat(store.recorded).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        engine.tick();
        assertThat(store.recorded).hasSize(2);
        feed(smoke(true));
        assertThat(store.recorded).as("readings of an unconfigured device are ignored").hasSize(2);
    }

    /** BAD readings, unknown devices and devices whose profile is missing raise nothing and break nothing. */
    @Test
    void ignoresWhatItCannotEvaluate() {
        registry.add(Fakes.device("odd-1", "no-such-profile", Map.of()));
        feed(Reading.bad("smoke-302", "smoke", null, clock), Fakes.good(clock, "ghost", "smoke", true),
                Fakes.good(clock, "odd-1", "smoke", true));
        engine.tick();
        assertThat(log.events).isEmpty();
    }

    /** Flapping through the engine: with a limit of 2 changes the second clear is held until quiet. */
    @Test
    void flappingIsSuppressed() {
        engine = engine(new FlapPolicy(2, Duration.ofMinutes(10)));
        for (int i = 0; i < 4; i++) {
            feed(smoke(true));
            clock.advanceSeconds(5);
            feed(smoke(false));
            clock.advanceSeconds(5);
        }
        assertThat(store.recorded).extracting(AlarmTransition::raised).containsExactly(true, false, true);
        clock.advance(Duration.ofMinutes(10));
        engine.tick();
        assertThat(store.recorded).extracting(AlarmTransition::raised).containsExactly(true, false, true, false);
    }
}
