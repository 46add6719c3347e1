package io.onegrid.rules;

import io.onegrid.api.DeviceRef;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-instance overrides of profile rules: good ones apply, bad ones are reported and the default kept. */
class RuleOverridesTest {

    private static DeviceRef device(Map<String, String> overrides) {
        return Fakes.device("dev-1", "p", overrides);
    }

    /** Numeric, duration, window and enabled overrides apply to the rule they name only. */
    @Test
    void goodOverridesApply() {
        DeviceRef d = device(Map.of("low-pressure.below", "0.12", "low-pressure.minDuration", "1m",
                "no-activity.inactivity", "13h", "no-activity.window", "08:00-22:00", "smoke.enabled", "false",
                "low-pressure.severity", "critical"));

        RuleOverrides.Resolved low = RuleOverrides.resolve(d, Fakes.lowPressure());
        assertThat(low.problems()).isEmpty();
        assertThat(low.spec().below()).isEqualTo(0.12);
        assertThat(low.spec().hysteresis()).isEqualTo(0.02);
        assertThat(low.spec().minDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(low.spec().severity()).isEqualTo(Severity.CRITICAL);

        RuleOverrides.Resolved door = RuleOverrides.resolve(d, Fakes.noActivity());
        assertThat(door.spec().inactivity()).isEqualTo(Duration.ofHours(13));
        assertThat(door.spec().windowStart()).isEqualTo(LocalTime.of(8, 0));
        assertThat(door.spec().windowEnd()).isEqualTo(LocalTime.of(22, 0));

        RuleOverrides.Resolved smoke = RuleOverrides.resolve(d, Fakes.smoke());
        assertThat(smoke.enabled()).isFalse();
        assertThat(smoke.problems()).isEmpty();
    }

    /** A bad value is reported with its key and reason and the profile default of that parameter is kept. */
    @Test
    void badValueKeepsProfileDefault() {
        DeviceRef d = device(Map.of("low-pressure.below", "zero point one", "low-pressure.hysteresis", "-1",
                "low-pressure.minDuration", "30", "low-pressure.above", "0.9"));

        RuleOverrides.Resolved r = RuleOverrides.resolve(d, Fakes.lowPressure());

        assertThat(r.spec().below()).isEqualTo(0.10);
        assertThat(r.spec().hysteresis()).isEqualTo(0.02);
        assertThat(r.spec().minDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.spec().above()).as("the good override still applies").isEqualTo(0.9);
        assertThat(r.problems()).extracting(RuleOverrides.Problem::key)
                .containsExactlyInAnyOrder("low-pressure.below", "low-pressure.hysteresis", "low-pressure.minDuration");
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("low-pressure.minDuration");
            assertThat(p.reason()).contains("not a duration");
        });
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.reason()).isEqualTo("expected a number"));
    }

    /** Unknown parameters, bad booleans, bad windows and severities are problems, not crashes. */
    @Test
    void otherBadOverridesAreProblems() {
        DeviceRef d = device(Map.of("smoke.enabled", "maybe", "smoke.colour", "red", "smoke.severity", "panic",
                "smoke.equals", "perhaps"));

        RuleOverrides.Resolved r = RuleOverrides.resolve(d, Fakes.smoke());

        assertThat(r.enabled()).isTrue();
        assertThat(r.spec()).isEqualTo(Fakes.smoke());
        assertThat(r.problems()).extracting(RuleOverrides.Problem::key)
                .containsExactlyInAnyOrder("smoke.enabled", "smoke.colour", "smoke.severity", "smoke.equals");
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.reason()).startsWith("unknown rule parameter 'colour'"));
    }

    /** Overrides that together make the rule unusable (a window with only a start) fall back to the profile rule. */
    @Test
    void unusableCombinationFallsBackToProfileRule() {
        RuleOverrides.Resolved r = RuleOverrides.resolve(device(Map.of("no-activity.windowStart", "08:00",
                "no-activity.inactivity", "13h")), Fakes.noActivity());

        assertThat(r.spec()).isEqualTo(Fakes.noActivity());
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("window needs both"));
    }

    /** Keys that look like rule parameters but name no rule or channel are found (likely a misspelt rule id). */
    @Test
    void unmatchedKeysAreFound() {
        DeviceProfile profile = Fakes.hydrantProfile();
        DeviceRef d = device(Map.of("low-presure.below", "0.1", "low-pressure.below", "0.1", "pollInterval", "5s",
                "pressure.deadband", "0.01"));

        assertThat(RuleOverrides.unmatchedKeys(d, profile, Set.of("low-pressure"))).containsExactly("low-presure.below");
    }

    /** Durations are written the way installers write them. */
    @Test
    void durations() {
        assertThat(Durations.parse("13h")).isEqualTo(Duration.ofHours(13));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> Durations.parse("13")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("is not a duration");
        assertThat(Durations.format(Duration.ofMinutes(90).toMillis())).isEqualTo("1h30m");
    }
}
