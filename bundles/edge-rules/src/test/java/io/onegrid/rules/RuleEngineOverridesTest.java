package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.DeviceRef;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Per-device overrides through the engine: interpreted by the strict {@code ProfileOverrides} the configuration
 * loader uses, disabled rules, and the fallback to the profile's rules when overrides no longer fit the profile.
 */
class RuleEngineOverridesTest {
    private final FakeClock clock = new FakeClock(); // 10:00 UTC
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Registry registry = new Fakes.Registry();
    private final Fakes.Catalog catalog = new Fakes.Catalog()
            .add(Fakes.smokeProfile()).add(Fakes.hydrantProfile()).add(Fakes.doorProfile());
    private final RuleEngine engine = new RuleEngine(registry, catalog, new Fakes.Writer(log),
            new AlarmPersister(store, new Fakes.Encoder(), new Fakes.Scheduler(clock), clock, 30_000), clock,
            ZoneId.of("UTC"), FlapPolicy.DEFAULT, () -> "id-" + store.recorded.size(), Duration.ofMinutes(5));

    private DeviceRef add(String id, String profileId, Map<String, String> overrides) {
        DeviceRef d = Fakes.device(id, profileId, overrides);
        registry.add(d);
        return d;
    }

    private void pressure(String device, double mpa) {
        engine.onReadings(List.of(Fakes.good(clock, device, "pressure", mpa)));
    }

    /**
     * GIVEN a hydrant whose overrides set below 0.12, a one-minute minimum duration and severity critical
     * WHEN 0.11 MPa holds THEN it raises after one minute (not the profile's 30 s) as CRITICAL, saying 0.12,
     * and clears at 0.14 (the profile's hysteresis kept).
     */
    @Test
    void goodOverridesApply() {
        add("hydrant-2", "hydrant-pressure-modbus", Map.of("low-pressure.below", "0.12",
                "low-pressure.minDuration", "1m", "low-pressure.severity", "critical"));

        pressure("hydrant-2", 0.11);
        clock.advanceSeconds(59);
        engine.tick();
        assertThat(store.recorded).isEmpty();
        clock.advanceSeconds(1);
        engine.tick();
        pressure("hydrant-2", 0.13);
        pressure("hydrant-2", 0.14);

        assertThat(store.recorded).extracting(AlarmTransition::raised, AlarmTransition::severity)
                .containsExactly(tuple(true, "CRITICAL"), tuple(false, "CRITICAL"));
        assertThat(store.recorded.get(0).message()).contains("below 0.12");
    }

    /**
     * GIVEN a door whose overrides set a 1 h inactivity only inside 20:00-06:00 WHEN the door stays shut from
     * 10:00 THEN nothing is raised during the day and the alarm is raised when the window opens at 20:00
     * (the profile alone, 12 h and no window, would raise at 22:00).
     */
    @Test
    void windowOverrideApplies() {
        add("door-302", "door-contact-gpio", Map.of("no-activity.inactivity", "1h", "no-activity.window", "20:00-06:00"));
        engine.onReadings(List.of(Fakes.good(clock, "door-302", "door", false)));

        clock.advance(Duration.ofHours(1));
        engine.tick();
        clock.advance(Duration.ofHours(8).plusMinutes(59));
        engine.tick();
        assertThat(store.recorded).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        engine.tick();

        assertThat(store.recorded).extracting(AlarmTransition::ruleId, AlarmTransition::raised)
                .containsExactly(tuple("no-activity", true));
    }

    /**
     * GIVEN a smoke detector with smoke.enabled=false WHEN smoke is seen and then the device stops answering
     * THEN neither the siren nor an alarm follows the smoke, while its comm-fault rule still raises.
     */
    @Test
    void disabledRuleIsNotEvaluated() {
        DeviceRef d = add("smoke-303", "smoke-detector-gpio", Map.of("smoke.enabled", "false"));

        engine.onReadings(List.of(Fakes.good(clock, "smoke-303", "smoke", true)));
        engine.onCommunication(d, true, "line lost");

        assertThat(log.events).containsExactly("record raise comm-fault");
        assertThat(engine.state("smoke-303", "smoke")).isEmpty();
    }

    /** GIVEN comm-fault.enabled=false on a profile without a comm-fault rule WHEN the device stops answering THEN nothing is raised. */
    @Test
    void implicitCommFaultRuleCanBeDisabled() {
        DeviceRef d = add("hydrant-4", "hydrant-pressure-modbus", Map.of("comm-fault.enabled", "false"));

        engine.onCommunication(d, true, "timeout");

        assertThat(store.recorded).isEmpty();
        assertThat(engine.state("hydrant-4", "comm-fault")).isEmpty();
    }

    /**
     * GIVEN a smoke alarm stored as raised before a restart WHEN the device's rule is now disabled by override
     * THEN the stored alarm is cleared with its id and the case type of the profile's rule, so it does not stay open.
     */
    @Test
    void restoredAlarmOfDisabledRuleIsCleared() {
        add("smoke-303", "smoke-detector-gpio", Map.of("smoke.enabled", "false"));
        engine.restore(List.of(new ActiveAlarm("stored-1", "smoke-303", "smoke", 111, 222, "CRITICAL")));

        engine.tick();

        assertThat(store.recorded).singleElement().satisfies(t -> {
            assertThat(t.alarmId()).isEqualTo("stored-1");
            assertThat(t.raised()).isFalse();
            assertThat(t.caseType()).isEqualTo("fire.smoke");
            assertThat(t.raisedWallMs()).isEqualTo(111);
        });
    }

    /**
     * GIVEN a hydrant with an override of a channel setting (pressure.deadband, another consumer's) WHEN 0.11 MPa
     * is read THEN its rule override below 0.12 still applies (the channel key is no override problem).
     */
    @Test
    void channelSettingsAreLeftAlone() {
        add("hydrant-5", "hydrant-pressure-modbus", Map.of("pressure.deadband", "0.01", "low-pressure.below", "0.12",
                "low-pressure.minDuration", "0s"));

        pressure("hydrant-5", 0.11);

        assertThat(store.recorded).extracting(AlarmTransition::raised).containsExactly(true);
    }

    /**
     * GIVEN a hydrant whose overrides fit its profile WHEN the profile is changed under it so two of them name
     * rules it no longer has THEN one ERROR names the device and both problems, and the device runs the profile's
     * rules unchanged (below 0.10 after 30 s): the overrides that still fit are not applied either.
     */
    @Test
    void overridesThatNoLongerFitFallBackToTheProfilesRules() {
        AlarmRuleSpec burst = new AlarmRuleSpec("burst", RuleKind.RATE, "pressure", null, null, null, null, null, 1.0,
                null, null, null, Severity.MINOR, "fire.hydrant-burst", "Pressure changing fast", List.of());
        AlarmRuleSpec high = new AlarmRuleSpec("high-pressure", RuleKind.THRESHOLD, "pressure", null, 1.6, null, null,
                null, null, null, null, null, Severity.MINOR, "fire.hydrant-pressure-high", "Pressure high", List.of());
        catalog.add(Fakes.profile("hydrant-v", "modbus-tcp", Fakes.lowPressure(), burst, high));
        add("hydrant-7", "hydrant-v", Map.of("low-pressure.below", "0.12", "low-pressure.minDuration", "0s",
                "burst.ratePerMinute", "0.5", "high-pressure.above", "1.2"));
        pressure("hydrant-7", 0.11);
        pressure("hydrant-7", 0.11);
        pressure("hydrant-7", 0.15);
        assertThat(store.recorded).as("the overrides apply while they fit")
                .extracting(AlarmTransition::ruleId, AlarmTransition::raised)
                .containsExactly(tuple("low-pressure", true), tuple("low-pressure", false));

        catalog.add(Fakes.profile("hydrant-v", "modbus-tcp", Fakes.lowPressure()));
        String errors = stderrOf(engine::tick);
        pressure("hydrant-7", 0.11);
        pressure("hydrant-7", 0.09);
        assertThat(store.recorded).hasSize(2);
        clock.advanceSeconds(30);
        engine.tick();

        assertThat(errors.lines().filter(l -> l.contains("ERROR"))).singleElement().satisfies(l -> assertThat(l)
                .contains("Device hydrant-7", "[1] override 'burst.ratePerMinute' names unknown rule 'burst'",
                        "[2] override 'high-pressure.above' names unknown rule 'high-pressure'", "test:hydrant-v"));
        assertThat(store.recorded).hasSize(3);
        assertThat(store.recorded.get(2).raised()).isTrue();
        assertThat(store.recorded.get(2).message()).contains("below 0.1").doesNotContain("0.12");
    }

    /** What slf4j-simple (which writes to the current System.err) logged while {@code action} ran. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
