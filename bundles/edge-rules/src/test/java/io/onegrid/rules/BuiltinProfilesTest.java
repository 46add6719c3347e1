package io.onegrid.rules;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Reading;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the shipped demo profiles evaluate as the shared contract says (smoke sounds the siren, hydrant low pressure). */
class BuiltinProfilesTest {
    private final FakeClock clock = new FakeClock();
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Registry registry = new Fakes.Registry()
            .add(Fakes.device("flat302-smoke", "smoke-detector-gpio", Map.of()))
            .add(Fakes.device("hydrant-1", "hydrant-pressure-modbus", Map.of("low-pressure.minDuration", "10s")))
            .add(Fakes.device("hydrant-2", "hydrant-pressure-modbus", Map.of("low-pressure.below", "0.40",
                    "low-pressure.minDuration", "10s")))
            .add(Fakes.device("kitchen-gas", "gas-detector-rtu", Map.of()))
            .add(Fakes.device("stair-mcp", "manual-call-point-gpio", Map.of()))
            .add(Fakes.device("riser-flow", "water-flow-switch-gpio", Map.of()))
            .add(Fakes.device("roof-tank", "water-tank-level-rtu", Map.of("low-level.below", "2.4")));
    private final ProfileCatalog catalog = ProfileCatalogs.builtin();
    private final RuleEngine engine = new RuleEngine(registry, catalog, new Fakes.Writer(log),
            new AlarmPersister(store, new Fakes.Encoder(), new Fakes.Scheduler(clock), clock, 1000), clock, ZoneId.of("UTC"),
            FlapPolicy.DEFAULT, () -> "id", Duration.ofMinutes(5));

    /** smoke-detector-gpio: smoke=true raises CRITICAL fire.smoke and writes siren=true first. */
    @Test
    void smokeDetector() {
        engine.onReadings(List.of(Reading.good("flat302-smoke", "smoke", true, null, clock)));

        assertThat(log.events).containsExactly("write flat302-smoke/siren=true", "record raise smoke");
        assertThat(store.recorded.get(0).severity()).isEqualTo("CRITICAL");
        assertThat(store.recorded.get(0).caseType()).isEqualTo("fire.smoke");
    }

    /** hydrant-pressure-modbus: below 0.10 MPa for the (overridden) 10 s raises MAJOR; 0.12 clears. */
    @Test
    void hydrantPressure() {
        engine.onReadings(List.of(Reading.good("hydrant-1", "pressure", 0.05, "MPa", clock)));
        clock.advanceSeconds(10);
        engine.tick();
        engine.onReadings(List.of(Reading.good("hydrant-1", "pressure", 0.12, "MPa", clock)));

        assertThat(store.recorded).extracting(AlarmTransition::ruleId, AlarmTransition::raised, AlarmTransition::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("low-pressure", true, "MAJOR"),
                        org.assertj.core.groups.Tuple.tuple("low-pressure", false, "MAJOR"));
        assertThat(store.recorded.get(0).caseType()).isEqualTo("fire.hydrant-pressure-low");
    }

    /**
     * GIVEN a hydrant whose instance sets low-pressure.below 0.40 WHEN 0.35 MPa holds THEN the alarm says the
     * instance's threshold ("below 0.4 MPa"), not the profile's 0.10, in its title and its detail.
     */
    @Test
    void theAlarmMessageSaysTheInstancesThreshold() {
        engine.onReadings(List.of(Reading.good("hydrant-2", "pressure", 0.35, "MPa", clock)));
        clock.advanceSeconds(10);
        engine.tick();

        assertThat(store.recorded).hasSize(1);
        assertThat(store.recorded.get(0).message()).startsWith("Hydrant pressure below 0.4 MPa (")
                .contains("below 0.4").doesNotContain("0.10");
    }

    /** gas-detector-rtu: 60 %LEL raises level 1 (after its 5 s) and level 2 at once, which closes the shut-off valve first. */
    @Test
    void gasDetectorRtuClosesTheValveAtLevelTwo() {
        engine.onReadings(List.of(Reading.good("kitchen-gas", "gas", 60.0, "%LEL", clock)));
        clock.advanceSeconds(5);
        engine.tick();

        assertThat(log.events).containsExactly("write kitchen-gas/shutoff=true", "record raise gas-level2", "record raise gas-level1");
        assertThat(store.recorded.get(0).severity()).isEqualTo("CRITICAL");
    }

    /** manual-call-point-gpio: a press raises CRITICAL fire.manual-call-point at once and lights the confirmation lamp. */
    @Test
    void manualCallPointLightsItsLamp() {
        engine.onReadings(List.of(Reading.good("stair-mcp", "activated", true, null, clock)));

        assertThat(log.events).containsExactly("write stair-mcp/lamp=true", "record raise call-point");
        assertThat(store.recorded.get(0).caseType()).isEqualTo("fire.manual-call-point");
    }

    /** water-flow-switch-gpio: a pump start's 5 s of flow raises nothing; 10 s of flow raises CRITICAL fire.water-flow. */
    @Test
    void waterFlowNeedsTenSeconds() {
        engine.onReadings(List.of(Reading.good("riser-flow", "flow", true, null, clock)));
        clock.advanceSeconds(5);
        engine.tick();
        assertThat(store.recorded).isEmpty();
        clock.advanceSeconds(5);
        engine.tick();

        assertThat(store.recorded).extracting(AlarmTransition::ruleId).containsExactly("water-flow");
        assertThat(store.recorded.get(0).severity()).isEqualTo("CRITICAL");
    }

    /** water-tank-level-rtu: a tank whose instance keeps a 2.4 m reserve raises at 2.0 m and says its own limit. */
    @Test
    void waterTankLevelSaysTheTanksReserve() {
        engine.onReadings(List.of(Reading.good("roof-tank", "level", 2.0, "m", clock)));
        clock.advanceSeconds(60);
        engine.tick();

        assertThat(store.recorded).extracting(AlarmTransition::ruleId).containsExactly("low-level");
        assertThat(store.recorded.get(0).message()).startsWith("Water-tank level below 2.4 m");
    }
}
