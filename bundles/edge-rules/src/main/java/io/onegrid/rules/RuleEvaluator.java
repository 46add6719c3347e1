package io.onegrid.rules;

import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;

import java.util.Optional;

/**
 * One alarm rule of one device, turning observations into {@link Signal}s for its {@link AlarmLifecycle}.
 * The rule engine routes to {@link #onReading} only readings of the rule's channel, calls
 * {@link #onTick} periodically, and calls everything under the device's lock.
 */
public sealed interface RuleEvaluator permits StateRule, ThresholdRule, RateRule, InactivityRule, CommFaultRule {
    /** The rule's effective parameters (profile default plus this device's overrides). */
    AlarmRuleSpec spec();

    AlarmLifecycle lifecycle();

    Optional<Transition> onReading(Reading reading);

    /** Lets time pass; the clock is the one given to the lifecycle. */
    default Optional<Transition> onTick() {
        return lifecycle().tick();
    }

    /** The device stopped answering (true) or answers again (false). */
    default Optional<Transition> onCommunication(boolean faulted, String reason) {
        return Optional.empty();
    }

    /**
     * The device delivered its first usable reading after the gateway started or after a communication fault:
     * it answers, whatever was last heard from the poller (after a restart the poller never saw the fault
     * that the restored comm-fault alarm is about, so it will not say "answering again").
     */
    default Optional<Transition> onAnswering() {
        return Optional.empty();
    }

    /**
     * Takes over what the evaluator it replaces had observed (a live configuration change rebuilds
     * evaluators; an elder's inactivity timer must not restart because a threshold elsewhere changed).
     */
    default void inherit(RuleEvaluator previous) {
    }

    /** BAD readings carry no value: they neither raise nor clear a value rule. */
    static boolean usable(Reading reading) {
        return reading.quality() != Quality.BAD && reading.value() != null;
    }

    /** A reading's numeric value, or null when it has none (booleans count as 1/0). */
    static Double number(Object value) {
        if (value instanceof Double d) return d.isNaN() ? null : d;
        if (value instanceof Boolean b) return b ? 1.0 : 0.0;
        if (value instanceof String s) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A reading's value as text for alarm messages, with its unit. */
    static String show(Reading reading) {
        String unit = reading.unit() == null || reading.unit().isBlank() ? "" : " " + reading.unit();
        return reading.channel() + " " + reading.value() + unit;
    }
}
