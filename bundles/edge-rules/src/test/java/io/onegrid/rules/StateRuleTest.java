package io.onegrid.rules;

import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** STATE and TAMPER rules. */
class StateRuleTest {
    private final FakeClock clock = new FakeClock();

    private StateRule rule(AlarmRuleSpec spec) {
        long min = spec.minDuration() == null ? 0 : spec.minDuration().toMillis();
        return new StateRule(spec, new AlarmLifecycle("d/r", clock, min, FlapPolicy.DEFAULT, () -> "a1"));
    }

    /** smoke = true raises at once; smoke = false clears. */
    @Test
    void equalsRaisesOtherValueClears() {
        StateRule rule = rule(Fakes.smoke());

        assertThat(rule.onReading(Fakes.good(clock, "s", "smoke", false))).isEmpty();
        assertThat(rule.onReading(Fakes.good(clock, "s", "smoke", true)))
                .hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(Transition.Type.RAISE));
        assertThat(rule.onReading(Fakes.good(clock, "s", "smoke", false)))
                .hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(Transition.Type.CLEAR));
    }

    /** With a minimum duration the state must hold that long; going back in between resets. */
    @Test
    void minDurationMustHold() {
        AlarmRuleSpec spec = new AlarmRuleSpec("leak", RuleKind.STATE, "leak", true, null, null, null,
                Duration.ofSeconds(5), null, null, null, null, Severity.MAJOR, "water.leak", null, List.of());
        StateRule rule = rule(spec);
        rule.onReading(Fakes.good(clock, "w", "leak", true));
        clock.advanceSeconds(4);
        rule.onReading(Fakes.good(clock, "w", "leak", false));
        rule.onReading(Fakes.good(clock, "w", "leak", true));
        clock.advanceSeconds(4);
        assertThat(rule.onTick()).isEmpty();
        clock.advanceSeconds(1);
        assertThat(rule.onTick()).isPresent();
    }

    /** BAD quality readings are ignored; UNCERTAIN ones are evaluated. */
    @Test
    void badIgnoredUncertainEvaluated() {
        StateRule rule = rule(Fakes.smoke());
        assertThat(rule.onReading(Reading.bad("s", "smoke", null, clock))).isEmpty();
        Reading uncertain = new Reading("s", "smoke", true, null, Quality.UNCERTAIN, clock.wallMs(), clock.monoMs());
        assertThat(rule.onReading(uncertain)).isPresent();
    }

    /** A TAMPER rule without equals raises on true, like a state rule on the tamper channel. */
    @Test
    void tamperDefaultsToTrue() {
        AlarmRuleSpec spec = new AlarmRuleSpec("tamper", RuleKind.TAMPER, "tamper", null, null, null, null, null,
                null, null, null, null, Severity.MINOR, "device.tamper", null, List.of());
        StateRule rule = rule(spec);
        assertThat(rule.onReading(Fakes.good(clock, "s", "tamper", true))).isPresent();
        assertThat(rule.lifecycle().state()).isEqualTo(State.RAISED);
    }

    /** Values compare across the types profiles and drivers use. */
    @Test
    void matchesAcrossTypes() {
        assertThat(StateRule.matches(true, "TRUE")).isTrue();
        assertThat(StateRule.matches(true, 1.0)).isTrue();
        assertThat(StateRule.matches(false, true)).isFalse();
        assertThat(StateRule.matches(2, 2.0)).isTrue();
        assertThat(StateRule.matches(2.0, "2")).isTrue();
        assertThat(StateRule.matches("ALARM", "ALARM")).isTrue();
        assertThat(StateRule.matches("ALARM", "OK")).isFalse();
    }
}
