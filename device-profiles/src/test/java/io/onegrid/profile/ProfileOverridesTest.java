package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-device "<rule-id>.<param>" overrides change rule parameters and are checked like profiles. */
class ProfileOverridesTest {
    private final ProfileCatalog catalog = ProfileCatalogs.builtin();
    private final DeviceProfile hydrant = catalog.find("hydrant-pressure-modbus").orElseThrow();
    private final DeviceProfile door = catalog.find("door-contact-gpio").orElseThrow();

    /** Thresholds, durations, windows and severities are overridden; everything else stays. */
    @Test
    void overridesParameters() {
        DeviceProfile p = ProfileOverrides.apply(hydrant, Map.of("low-pressure.below", "0.2", "low-pressure.minDuration", "1m",
                "low-pressure.severity", "critical"));
        AlarmRuleSpec r = p.alarm("low-pressure").orElseThrow();
        assertThat(r.below()).isEqualTo(0.2);
        assertThat(r.minDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.hysteresis()).isEqualTo(0.02);
        assertThat(p.channels()).isEqualTo(hydrant.channels());

        AlarmRuleSpec d = ProfileOverrides.apply(door, Map.of("no-activity.inactivity", "8h", "no-activity.window", "07:00-22:00"))
                .alarm("no-activity").orElseThrow();
        assertThat(d.inactivity()).isEqualTo(Duration.ofHours(8));
        assertThat(d.windowStart()).isEqualTo(LocalTime.of(7, 0));
        assertThat(d.windowEnd()).isEqualTo(LocalTime.of(22, 0));
    }

    /** The spellings the gateway's edge-rules also accepts are accepted; channel settings are left alone. */
    @Test
    void acceptsWhatTheGatewayAccepts() {
        AlarmRuleSpec d = ProfileOverrides.apply(door, Map.of("no-activity.inactivity", "13h", "no-activity.windowStart", "08:00",
                "no-activity.windowEnd", "22:00", "no-activity.severity", "CRITICAL", "open.debounce", "1s")).alarm("no-activity").orElseThrow();
        assertThat(d.inactivity()).isEqualTo(Duration.ofHours(13));
        assertThat(d.windowStart()).isEqualTo(LocalTime.of(8, 0));
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(ProfileOverrides.apply(door, Map.of("no-activity.window", "all-day")).alarm("no-activity").orElseThrow().windowStart()).isNull();
    }

    /** Durations have the profile's one syntax: ISO-8601 (which the gateway would ignore) is refused with the hint. */
    @Test
    void durationsUseTheProfileSyntax() {
        ProfileException e = catchThrowableOfType(ProfileException.class,
                () -> ProfileOverrides.apply(door, Map.of("no-activity.inactivity", "PT13H")));

        assertThat(e.problem()).contains("'no-activity.inactivity' must be a positive duration such as 250ms, 30s", "got 'PT13H'");
    }

    /**
     * enabled=false removes a rule, the implicit comm-fault rule a device runs included (the result lists the rules the
     * device runs); no overrides returns the profile itself.
     */
    @Test
    void disablesRules() {
        assertThat(ProfileOverrides.apply(door, Map.of("no-activity.enabled", "false")).alarms())
                .extracting(AlarmRuleSpec::id).containsExactly(DeviceProfile.IMPLICIT_COMM_FAULT);
        assertThat(ProfileOverrides.apply(door, Map.of("comm-fault.enabled", "false")).alarms())
                .extracting(AlarmRuleSpec::id).containsExactly("no-activity");
        assertThat(ProfileOverrides.apply(door, Map.of("comm-fault.minDuration", "10m")).alarm("comm-fault").orElseThrow()
                .minDuration()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(ProfileOverrides.apply(door, Map.of())).isSameAs(door);
    }

    /** Unknown rules, unknown or inapplicable parameters and bad values are all reported with suggestions. */
    @Test
    void reportsBadOverrides() {
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> ProfileOverrides.apply(hydrant, Map.of(
                "low-presure.below", "0.2", "low-pressure.equals", "true", "low-pressure.minDuration", "30",
                "pressure", "1"), "device hydrant-7"));
        assertThat(e.file()).isEqualTo("device hydrant-7");
        assertThat(e.allProblems()).extracting(ProfileException::problem).anySatisfy(m -> assertThat(m)
                        .contains("names unknown rule 'low-presure'", "did you mean 'low-pressure'?"))
                .anySatisfy(m -> assertThat(m).contains("a threshold rule has no parameter 'equals'"))
                .anySatisfy(m -> assertThat(m).contains("'low-pressure.minDuration' must be a duration"))
                .anySatisfy(m -> assertThat(m).contains("must be written <rule-id>.<parameter>"));
    }

    /** An override that would make the rule meaningless is refused like the same mistake in a file. */
    @Test
    void rechecksTheResult() {
        ProfileException e = catchThrowableOfType(ProfileException.class,
                () -> ProfileOverrides.apply(hydrant, Map.of("low-pressure.above", "0.05")));
        assertThat(e.problem()).contains("'below' (0.1) must be less than 'above' (0.05)");
    }
}
