package io.onegrid.sim.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineRunnerTest {
    private final ScenarioLoader loader = new ScenarioLoader(ProfileCatalogs.builtin());

    private Scenario demo() {
        return loader.load(Path.of("scenarios/demo.yaml"));
    }

    /** Steps fire exactly at their scenario time on a stepped clock and print one line each. */
    @Test
    void firesStepsAtTheirTimeAndPrintsThem() {
        // GIVEN the demo scenario on a stepped scheduler
        List<String> printed = new ArrayList<>();
        SteppedScheduler clock = new SteppedScheduler();
        try (Simulation sim = new Simulation(demo())) {
            TimelineRunner runner = sim.startTimeline(clock, printed::add);
            // WHEN time stops just before t+10s
            clock.advanceTo(Duration.ofMillis(9_999));
            // THEN nothing has fired: no smoke, smoke line high (active LOW), pressure near 0.35
            assertThat(sim.device("smoke-302").value("smoke")).isEqualTo(false);
            assertThat(sim.gpio().level("flat302.smoke")).isEqualTo(1);
            assertThat(printed).isEmpty();
            // WHEN t+10s is reached
            clock.advanceTo(Duration.ofSeconds(10));
            // THEN smoke is on, the line is pulled low, and the step is printed
            assertThat(sim.device("smoke-302").value("smoke")).isEqualTo(true);
            assertThat(sim.gpio().level("flat302.smoke")).isEqualTo(0);
            assertThat(printed).containsExactly("t+10s smoke-302 smoke=true  (smoke in flat 302)");
            // WHEN time runs to t+30s
            clock.advanceTo(Duration.ofSeconds(30));
            // THEN the hydrant pressure has fallen (the set value; noise rides on top)
            assertThat(sim.device("hydrant-b7").setValue("pressure")).isEqualTo(0.05);
            assertThat((Double) sim.device("hydrant-b7").value("pressure")).isBetween(0.04, 0.06);
            assertThat(runner.finished()).isNotDone();
            // WHEN the last step passes
            clock.advanceTo(Duration.ofSeconds(150));
            // THEN the timeline is finished, with one line per step
            assertThat(runner.finished()).isDone();
            assertThat(printed).containsExactly(
                    "t+10s smoke-302 smoke=true  (smoke in flat 302)",
                    "t+30s hydrant-b7 pressure=0.05  (hydrant pressure falls)",
                    "t+2m30s hydrant-b7 pressure=0.35  (pressure restored)");
        }
    }

    /** The same seed gives the same noise sequence in every run; another seed gives another sequence. */
    @Test
    void noiseIsDeterministicPerSeed() {
        // GIVEN two runs of the demo with seed 42 and one with seed 43
        List<Double> first = pressures(demo(), 20);
        List<Double> second = pressures(demo(), 20);
        Scenario other = new Scenario("demo", null, 43, Duration.ofSeconds(1), List.of(), demo().devices(), demo().timeline(), "x");
        List<Double> third = pressures(other, 20);
        // THEN runs with the same seed agree sample by sample, and noise is small and not constant
        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
        assertThat(first).allSatisfy(p -> assertThat(p).isBetween(0.33, 0.37));
        assertThat(first.stream().distinct().count()).isGreaterThan(10);
    }

    /** Accelerated real time runs a step at t+30s after 30/speed real seconds. */
    @Test
    void realTimeSchedulerHonoursSpeed() {
        // GIVEN a fake nanosecond clock and speed 10
        long[] now = {1_000_000_000L};
        try (RealTimeScheduler scheduler = new RealTimeScheduler(10, () -> now[0])) {
            // WHEN 3 real seconds pass
            now[0] += 3_000_000_000L;
            // THEN 30 scenario seconds have elapsed
            assertThat(scheduler.elapsed()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    private static List<Double> pressures(Scenario scenario, int samples) {
        SteppedScheduler clock = new SteppedScheduler();
        List<Double> values = new ArrayList<>();
        try (Simulation sim = new Simulation(scenario)) {
            sim.startTimeline(clock, line -> { });
            for (int i = 0; i < samples; i++) {
                clock.advanceTo(Duration.ofSeconds(i));
                values.add((Double) sim.device("hydrant-b7").value("pressure"));
            }
        }
        return values;
    }
}
