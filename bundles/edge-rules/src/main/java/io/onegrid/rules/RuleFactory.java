package io.onegrid.rules;

import io.onegrid.api.GatewayClock;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns effective rule specs into evaluators, one class per rule kind. */
final class RuleFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RuleFactory.class);

    /** Rule id of the communication-fault rule every device gets when its profile declares none. */
    static final String IMPLICIT_COMM_FAULT_ID = DeviceProfile.IMPLICIT_COMM_FAULT;

    private RuleFactory() {
    }

    /**
     * The profile's rules plus, when it declares no COMM_FAULT rule, an implicit one (MINOR,
     * case type device.comm-fault): every device that stops answering should be seen at the hub.
     */
    static List<AlarmRuleSpec> rulesOf(DeviceProfile profile) {
        return new ArrayList<>(profile.rulesRun());
    }

    static AlarmRuleSpec implicitCommFault() {
        DeviceProfile bare = new DeviceProfile("none", "none", "none", null, "gpio", null, null, null, List.of(), List.of(), "implicit");
        return bare.rulesRun().get(0);
    }

    /** An evaluator for the spec, or empty (logged) when its kind is not evaluated at the edge. */
    static Optional<RuleEvaluator> create(AlarmRuleSpec spec, AlarmLifecycle lifecycle, GatewayClock clock,
                                          ZoneId zone, String deviceId) {
        switch (spec.kind()) {
            case STATE:
            case TAMPER:
                return Optional.of(new StateRule(spec, lifecycle));
            case THRESHOLD:
                return Optional.of(new ThresholdRule(spec, lifecycle));
            case RATE:
                return Optional.of(new RateRule(spec, lifecycle));
            case INACTIVITY:
                return Optional.of(new InactivityRule(spec, lifecycle, clock, zone));
            case COMM_FAULT:
                return Optional.of(new CommFaultRule(spec, lifecycle));
            default:
                LOG.error("Rule {} of device {}: rule kind {} is not supported at the edge yet; it is not evaluated",
                        spec.id(), deviceId, spec.kind());
                return Optional.empty();
        }
    }
}
