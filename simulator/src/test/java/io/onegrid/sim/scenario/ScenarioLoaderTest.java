package io.onegrid.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onegrid.profile.ProfileCatalogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader(ProfileCatalogs.builtin());

    private static final String HEADER = "name: t\nseed: 7\n";
    private static final String HYDRANT = "devices:\n"
            + "  - id: hydrant\n"
            + "    profile: hydrant-pressure-modbus\n"
            + "    modbus: {unit: 1}\n";

    /** The shipped demo scenario loads with its devices, unit, lines, typed values and ordered timeline. */
    @Test
    void loadsTheDemoScenario() {
        // GIVEN the demo file WHEN it is loaded
        Scenario s = loader.load(Path.of("scenarios/demo.yaml"));
        // THEN everything in it is there, typed
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.seed()).isEqualTo(42);
        DeviceSpec hydrant = s.device("hydrant-b7").orElseThrow();
        assertThat(hydrant.modbusUnit()).isEqualTo(1);
        assertThat(hydrant.initial()).containsEntry("pressure", 0.35).containsEntry("status", 0.0);
        assertThat(hydrant.noise()).containsEntry("pressure", 0.002);
        DeviceSpec smoke = s.device("smoke-302").orElseThrow();
        assertThat(smoke.gpioLines()).containsEntry("smoke", "flat302.smoke").containsEntry("siren", "flat302.siren");
        assertThat(smoke.initial()).containsEntry("smoke", false);
        assertThat(s.timeline()).extracting(TimelineStep::at)
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(150));
        assertThat(s.timeline().get(0).set()).containsEntry("smoke", true);
        assertThat(s.timeline().get(0).note()).isEqualTo("smoke in flat 302");
        assertThat(s.length()).isEqualTo(Duration.ofSeconds(150));
    }

    /** Timeline steps are ordered by time, equal times keeping file order; GPIO lines default to device.channel. */
    @Test
    void sortsStepsAndDefaultsLineNames() {
        // GIVEN steps out of order and a GPIO device without a gpio mapping
        String yaml = HEADER + "devices:\n"
                + "  - {id: s1, profile: smoke-detector-gpio}\n"
                + "timeline:\n"
                + "  - {at: 2m, device: s1, set: {smoke: false}}\n"
                + "  - {at: 500ms, device: s1, set: {smoke: true}, note: a}\n"
                + "  - {at: 500ms, device: s1, set: {smoke: false}, note: b}\n";
        // WHEN loaded
        Scenario s = loader.parse("t.yaml", yaml);
        // THEN the order is by time, stable, and the lines are named after the device
        assertThat(s.timeline()).extracting(TimelineStep::note).containsExactly("a", "b", null);
        assertThat(s.device("s1").orElseThrow().gpioLines())
                .containsEntry("smoke", "s1.smoke").containsEntry("siren", "s1.siren");
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of(HEADER + HYDRANT + "    nosie: {pressure: 0.1}\n", 7, "unknown key 'nosie'"),
                Arguments.of(HEADER + "devices:\n  - id: h\n    profile: no-such-profile\n    modbus: {unit: 1}\n",
                        5, "unknown profile 'no-such-profile'"),
                Arguments.of(HEADER + HYDRANT + "    initial: {presure: 0.3}\n", 7, "unknown key 'presure' in 'initial' of device hydrant (profile hydrant-pressure-modbus); did you mean 'pressure'?"),
                Arguments.of(HEADER + HYDRANT + "    initial: {pressure: high}\n", 7, "use a number, not 'high'"),
                Arguments.of(HEADER + HYDRANT + "    initial: {status: 70000}\n", 7, "is outside uint16 (0..65535)"),
                Arguments.of(HEADER + HYDRANT + "  - {id: h2, profile: hydrant-pressure-modbus, modbus: {unit: 1}}\n",
                        7, "unit id 1 is already used by device hydrant"),
                Arguments.of(HEADER + HYDRANT + "  - {id: hydrant, profile: hydrant-pressure-modbus, modbus: {unit: 2}}\n",
                        7, "device id 'hydrant' is used twice"),
                Arguments.of(HEADER + "devices:\n  - id: h\n    profile: hydrant-pressure-modbus\n", 4, "a device has no 'modbus'; it needs 'modbus: {unit: N}'"),
                Arguments.of(HEADER + HYDRANT + "timeline:\n  - {at: soon, device: hydrant, set: {pressure: 1}}\n",
                        8, "must be a duration such as 250ms, 30s, 5m, 1h or 1h30m (units ms, s, m, h, d), got 'soon'"),
                Arguments.of(HEADER + HYDRANT + "timeline:\n  - {at: 1s, device: pump, set: {pressure: 1}}\n",
                        8, "unknown device 'pump'"),
                Arguments.of(HEADER + "devices:\n  - {id: s, profile: smoke-detector-gpio, initial: {smoke: 1}}\n",
                        4, "is BOOL: use true or false"),
                Arguments.of(HEADER + "devices:\n  - {id: s, profile: smoke-detector-gpio, noise: {smoke: 0.1}}\n",
                        4, "is BOOL; only numeric channels take noise or ramps"),
                Arguments.of(HEADER + "devices:\n  - {id: s, profile: smoke-detector-gpio, modbus: {unit: 3}}\n",
                        4, "'modbus' does not apply"),
                Arguments.of(HEADER + "devices:\n  - {id: a, profile: smoke-detector-gpio, gpio: {smoke: x.1}}\n"
                        + "  - {id: b, profile: smoke-detector-gpio, gpio: {smoke: x.1}}\n", 5, "'x.1' is already used by a.smoke"),
                Arguments.of("seed: 1\n" + HYDRANT, 1, "the scenario has no 'name'"),
                Arguments.of(HEADER + "devices:\n\t- id: a\n", 4, "not valid YAML"),
                Arguments.of(HEADER + "name: again\n" + HYDRANT, 3, "key 'name' appears twice"));
    }

    /** Bad scenarios are rejected with the file, the line and column of the offending key or value, and a sentence. */
    @ParameterizedTest(name = "line {1}: {2}")
    @MethodSource("badScenarios")
    void rejectsBadInputWithFileAndLine(String yaml, int line, String problem) {
        // GIVEN a scenario with one mistake WHEN it is loaded
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("bad.yaml", yaml));
        // THEN the error names the file, the line and what is wrong
        assertThat(e).as("expected a ScenarioException").isNotNull();
        assertThat(e.getMessage()).startsWith("bad.yaml:" + line + ":").contains(problem);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).as("column of " + e.getMessage()).isPositive();
    }

    /** A file that does not exist is an error naming the file, not a stack trace. */
    @Test
    void reportsUnreadableFile() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> loader.load(Path.of("no/such/file.yaml")));
        assertThat(e.getMessage()).startsWith("no/such/file.yaml: cannot read the file");
    }

    /** Scenario times use the project's one duration syntax: a decimal or bare number is refused with the hint. */
    @Test
    void refusesDurationsOutsideTheSharedSyntax() {
        // GIVEN a step at "1.5s" (the old scenario-only form)
        String yaml = HEADER + HYDRANT + "timeline:\n  - {at: 1.5s, device: hydrant, set: {pressure: 1}}\n";
        // WHEN loaded THEN the error says what a duration looks like, at line:column
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("d.yaml", yaml));
        assertThat(e.getMessage()).startsWith("d.yaml:8:").contains("a duration such as 250ms, 30s");
    }
}
