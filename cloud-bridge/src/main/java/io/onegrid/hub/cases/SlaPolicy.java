package io.onegrid.hub.cases;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Time limits and correlation windows per case type and severity, from the policy file (SlaPolicyFile; the
 * hub ships sla-policy.yaml). A rule names a case-type prefix ({@code fire} matches {@code fire.smoke} and
 * {@code fire.gas-leak}; empty matches every type) and optionally a severity; the most specific matching rule
 * wins: longer prefix first, then a rule with a severity over one without.
 */
public final class SlaPolicy {

    /** One rule of the file; {@code severity} null = any; {@code correlation} null = not set by this rule. */
    public record Rule(String caseType, String severity, SlaLimits limits, Duration correlation, boolean notifyAllAtOnce) {
        boolean matches(String type, String sev) {
            boolean typeOk = caseType.isEmpty() || type.equals(caseType) || type.startsWith(caseType + ".");
            return typeOk && (severity == null || severity.equalsIgnoreCase(sev));
        }

        int specificity() {
            return caseType.length() * 2 + (severity == null ? 0 : 1);
        }
    }

    private final List<Rule> rules;
    private final Duration defaultCorrelation;

    public SlaPolicy(List<Rule> rules, Duration defaultCorrelation) {
        this.rules = List.copyOf(rules);
        this.defaultCorrelation = defaultCorrelation;
        if (rules.stream().noneMatch(r -> r.caseType().isEmpty() && r.severity() == null && r.limits() != null)) {
            throw new IllegalArgumentException("an SLA policy needs a catch-all rule (no caseType, no severity)");
        }
    }

    private Optional<Rule> best(String type, String severity, java.util.function.Predicate<Rule> has) {
        return rules.stream().filter(r -> r.matches(type, severity) && has.test(r))
                .max(Comparator.comparingInt(Rule::specificity));
    }

    public SlaLimits limits(String caseType, String severity) {
        return best(caseType, severity, r -> r.limits() != null).orElseThrow().limits();
    }

    /** The window in which alarms about the same place join one case. */
    public Duration correlationWindow(String caseType) {
        return best(caseType, null, r -> r.correlation() != null && r.severity() == null).map(Rule::correlation)
                .orElse(defaultCorrelation);
    }

    /** Whether a case notifies every responder of its place and every tier at once (critical fire). */
    public boolean notifyAllAtOnce(String caseType, String severity) {
        return best(caseType, severity, r -> r.limits() != null).map(Rule::notifyAllAtOnce).orElse(false);
    }

    public List<Rule> rules() {
        return rules;
    }
}
