package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** THRESHOLD rules: limit, hysteresis, minimum duration, BAD readings. */
class ThresholdRuleTest {
    private final FakeClock clock = new FakeClock();

    private ThresholdRule rule(AlarmRuleSpec spec) {
        long min = spec.minDuration() == null ? 0 : spec.minDuration().toMillis();
        return new ThresholdRule(spec, new AlarmLifecycle("hyd/low", clock, min, FlapPolicy.DEFAULT, () -> "a1"));
    }

    private Optional<Transition> read(ThresholdRule rule, double mpa) {
        return rule.onReading(Fakes.good(clock, "hyd", "pressure", mpa));
    }

    /** The demo hydrant: below 0.10 for 30 s raises; only ≥ 0.12 clears; values in the band keep it raised. */
    @Test
    void belowWithMinDurationAndHysteresis() {
        ThresholdRule rule = rule(Fakes.lowPressure());

        assertThat(read(rule, 0.08)).isEmpty();
        assertThat(rule.lifecycle().state()).isEqualTo(State.PENDING);
        clock.advanceSeconds(10);
        assertThat(read(rule, 0.07)).isEmpty();
        clock.advanceSeconds(20);
        Transition raise = read(rule, 0.06).orElseThrow();
        assertThat(raise.type()).isEqualTo(Transition.Type.RAISE);
        assertThat(raise.detail()).contains("below 0.1");
        assertThat(raise.readings()).extracting(Reading::value).containsExactly(0.08, 0.07, 0.06);

        clock.advanceSeconds(10);
        assertThat(read(rule, 0.11)).as("inside hysteresis band").isEmpty();
        assertThat(read(rule, 0.1199)).isEmpty();
        assertThat(rule.lifecycle().state()).isEqualTo(State.RAISED);

        Transition clear = read(rule, 0.12).orElseThrow();
        assertThat(clear.type()).isEqualTo(Transition.Type.CLEAR);
        assertThat(clear.alarmId()).isEqualTo(raise.alarmId());
    }

    /** A dip back above the limit before the minimum duration resets the timer. */
    @Test
    void dipBackResetsMinDurationTimer() {
        ThresholdRule rule = rule(Fakes.lowPressure());
        read(rule, 0.08);
        clock.advanceSeconds(25);
        read(rule, 0.105);  // above the limit, inside the band: condition no longer holds
        assertThat(rule.lifecycle().state()).isEqualTo(State.CLEAR);
        clock.advanceSeconds(1);
        read(rule, 0.08);
        clock.advanceSeconds(29);

        assertThat(rule.onTick()).isEmpty();
        clock.advanceSeconds(1);
        assertThat(rule.onTick()).hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(Transition.Type.RAISE));
    }

    /** An "above" rule without minimum duration raises at once and clears at limit − hysteresis. */
    @Test
    void aboveWithHysteresisRaisesAtOnce() {
        AlarmRuleSpec spec = new AlarmRuleSpec("hot", RuleKind.THRESHOLD, "temp", null, 70.0, null, 5.0, null, null,
                null, null, null, Severity.MAJOR, "fire.cable-temperature", null, List.of());
        ThresholdRule rule = rule(spec);

        assertThat(read(rule, 70.0)).as("at the limit is not above").isEmpty();
        assertThat(read(rule, 70.5)).isPresent();
        assertThat(read(rule, 66.0)).isEmpty();
        assertThat(read(rule, 65.0)).hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(Transition.Type.CLEAR));
    }

    /** BAD readings neither raise, reset a pending condition, nor clear. */
    @Test
    void badReadingsNeitherRaiseNorClear() {
        ThresholdRule rule = rule(Fakes.lowPressure());
        assertThat(rule.onReading(Reading.bad("hyd", "pressure", "MPa", clock))).isEmpty();
        assertThat(rule.lifecycle().state()).isEqualTo(State.CLEAR);

        read(rule, 0.05);
        clock.advanceSeconds(30);
        rule.onTick();
        assertThat(rule.lifecycle().state()).isEqualTo(State.RAISED);
        assertThat(rule.onReading(Reading.bad("hyd", "pressure", "MPa", clock))).isEmpty();
        assertThat(rule.lifecycle().state()).isEqualTo(State.RAISED);
    }

    /** A rule with neither limit is refused when built. */
    @Test
    void thresholdWithoutLimitIsRefused() {
        AlarmRuleSpec spec = new AlarmRuleSpec("x", RuleKind.THRESHOLD, "p", null, null, null, null, null, null,
                null, null, null, Severity.MINOR, "c", null, List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule(spec))
                .hasMessageContaining("needs above or below");
    }

}
