package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;

import java.util.Optional;

/**
 * THRESHOLD: raise while the value is above {@code above} or below {@code below}; clear only once it is
 * back past the limit by {@code hysteresis} (at most above − hysteresis, at least below + hysteresis).
 * Between the two it holds: a raised alarm stays raised, a pending one starts over (the minimum duration
 * demands the condition held continuously).
 */
public final class ThresholdRule implements RuleEvaluator {
    private final AlarmRuleSpec spec;
    private final AlarmLifecycle lifecycle;
    private final Double above;
    private final Double below;
    private final double hysteresis;

    public ThresholdRule(AlarmRuleSpec spec, AlarmLifecycle lifecycle) {
        if (spec.kind() != RuleKind.THRESHOLD) throw new IllegalArgumentException("not a threshold rule: " + spec.id());
        if (spec.above() == null && spec.below() == null) {
            throw new IllegalArgumentException("threshold rule " + spec.id() + " needs above or below");
        }
        this.spec = spec;
        this.lifecycle = lifecycle;
        this.above = spec.above();
        this.below = spec.below();
        this.hysteresis = spec.hysteresis() == null ? 0.0 : spec.hysteresis();
    }

    /** Rounding slack so 0.10 + 0.02 clears at a reading of exactly 0.12. */
    private double slack(double limit) {
        return 1e-9 * Math.max(1.0, Math.abs(limit) + hysteresis);
    }

    @Override
    public AlarmRuleSpec spec() {
        return spec;
    }

    @Override
    public AlarmLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public Optional<Transition> onReading(Reading reading) {
        if (!RuleEvaluator.usable(reading)) return Optional.empty();
        Double v = RuleEvaluator.number(reading.value());
        if (v == null) return Optional.empty();
        if (above != null && v > above) {
            return lifecycle.signal(Signal.RAISE, reading, RuleEvaluator.show(reading) + " above " + above);
        }
        if (below != null && v < below) {
            return lifecycle.signal(Signal.RAISE, reading, RuleEvaluator.show(reading) + " below " + below);
        }
        boolean clearOfAbove = above == null || v <= above - hysteresis + slack(above);
        boolean clearOfBelow = below == null || v >= below + hysteresis - slack(below);
        if (clearOfAbove && clearOfBelow) {
            return lifecycle.signal(Signal.CLEAR, reading, RuleEvaluator.show(reading) + " back within limits");
        }
        return lifecycle.signal(Signal.HOLD, reading, RuleEvaluator.show(reading));
    }
}
