package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;

import java.util.Optional;

/**
 * COMM_FAULT: driven by the poller's {@code onCommunication} calls, not by readings. Raise after the
 * device is reported faulted (for {@code minDuration}, if set); clear when it is reported answering again,
 * or when its first usable reading arrives after a restart ({@link #onAnswering}): a comm-fault alarm
 * restored from the store must clear once the device is seen answering.
 */
public final class CommFaultRule implements RuleEvaluator {
    private final AlarmRuleSpec spec;
    private final AlarmLifecycle lifecycle;

    public CommFaultRule(AlarmRuleSpec spec, AlarmLifecycle lifecycle) {
        if (spec.kind() != RuleKind.COMM_FAULT) throw new IllegalArgumentException("not a comm-fault rule: " + spec.id());
        this.spec = spec;
        this.lifecycle = lifecycle;
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
        return Optional.empty();
    }

    @Override
    public Optional<Transition> onAnswering() {
        return lifecycle.signal(Signal.CLEAR, null, "device answering");
    }

    @Override
    public Optional<Transition> onCommunication(boolean faulted, String reason) {
        String why = reason == null || reason.isBlank() ? "" : ": " + reason;
        return faulted
                ? lifecycle.signal(Signal.RAISE, null, "device not answering" + why)
                : lifecycle.signal(Signal.CLEAR, null, "device answering again" + why);
    }
}
