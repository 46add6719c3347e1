package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;

import java.util.Locale;
import java.util.Optional;

/**
 * RATE: raise when |Δvalue| per minute between the last two usable readings exceeds
 * {@code ratePerMinute}; clear when a later pair changes more slowly. Elapsed time comes from the
 * readings' monotonic timestamps (when they were taken, not when they arrived).
 */
public final class RateRule implements RuleEvaluator {
    private final AlarmRuleSpec spec;
    private final AlarmLifecycle lifecycle;
    private final double limit;
    private double lastValue;
    private long lastMonoMs = Long.MIN_VALUE;

    public RateRule(AlarmRuleSpec spec, AlarmLifecycle lifecycle) {
        if (spec.kind() != RuleKind.RATE) throw new IllegalArgumentException("not a rate rule: " + spec.id());
        if (spec.ratePerMinute() == null || !(spec.ratePerMinute() > 0)) {
            throw new IllegalArgumentException("rate rule " + spec.id() + " needs a positive ratePerMinute");
        }
        this.spec = spec;
        this.lifecycle = lifecycle;
        this.limit = spec.ratePerMinute();
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
    public void inherit(RuleEvaluator previous) {
        if (previous instanceof RateRule old && java.util.Objects.equals(old.spec.channel(), spec.channel())) {
            lastValue = old.lastValue;
            lastMonoMs = old.lastMonoMs;
        }
    }

    @Override
    public Optional<Transition> onReading(Reading reading) {
        if (!RuleEvaluator.usable(reading)) return Optional.empty();
        Double v = RuleEvaluator.number(reading.value());
        if (v == null) return Optional.empty();
        long previousMono = lastMonoMs;
        double previous = lastValue;
        if (previousMono != Long.MIN_VALUE && reading.monoMs() <= previousMono) {
            return Optional.empty(); // out of order or same instant: no rate to speak of
        }
        lastValue = v;
        lastMonoMs = reading.monoMs();
        if (previousMono == Long.MIN_VALUE) return Optional.empty();
        double perMinute = Math.abs(v - previous) * 60_000.0 / (reading.monoMs() - previousMono);
        String detail = String.format(Locale.ROOT, "%s changing %.3f/min (limit %s)",
                RuleEvaluator.show(reading), perMinute, limit);
        return lifecycle.signal(perMinute > limit ? Signal.RAISE : Signal.CLEAR, reading, detail);
    }
}
