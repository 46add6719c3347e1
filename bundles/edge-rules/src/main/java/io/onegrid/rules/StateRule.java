package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;

import java.util.Objects;
import java.util.Optional;

/**
 * STATE and TAMPER: the alarm condition is "channel equals {@code equals}" (default true), optionally held
 * for {@code minDuration} (applied by the lifecycle). Any other value clears.
 */
public final class StateRule implements RuleEvaluator {
    private final AlarmRuleSpec spec;
    private final AlarmLifecycle lifecycle;
    private final Object expected;

    public StateRule(AlarmRuleSpec spec, AlarmLifecycle lifecycle) {
        if (spec.kind() != RuleKind.STATE && spec.kind() != RuleKind.TAMPER) {
            throw new IllegalArgumentException("not a state or tamper rule: " + spec.id());
        }
        this.spec = spec;
        this.lifecycle = lifecycle;
        this.expected = spec.equals() == null ? Boolean.TRUE : spec.equals();
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
        boolean match = matches(expected, reading.value());
        return lifecycle.signal(match ? Signal.RAISE : Signal.CLEAR, reading, RuleEvaluator.show(reading));
    }

    /** Compares across the types a profile and a driver may use: numbers numerically, booleans leniently. */
    static boolean matches(Object expected, Object actual) {
        if (expected instanceof Boolean b) {
            if (actual instanceof Boolean a) return a.equals(b);
            if (actual instanceof String s) return s.trim().equalsIgnoreCase(b.toString());
            if (actual instanceof Double d) return d == (b ? 1.0 : 0.0);
            return false;
        }
        if (expected instanceof Number n) {
            Double a = RuleEvaluator.number(actual);
            return a != null && Double.compare(a, n.doubleValue()) == 0;
        }
        return Objects.equals(String.valueOf(expected), String.valueOf(actual));
    }
}
