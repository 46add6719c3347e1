package io.onegrid.hub.cases;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SLA policy the hub runs with. Today that is the built-in policy below (minutes for fire, hours for
 * welfare and facilities, days for maintenance); reading a policy file is not implemented yet, so a file given
 * with --sla-policy is refused at start rather than silently ignored.
 */
public final class SlaPolicyFile {
    private SlaPolicyFile() { }

    public static SlaPolicy load(Optional<Path> file, Duration defaultCorrelation) {
        if (file.isPresent()) {
            throw new IllegalStateException("--sla-policy " + file.get() + ": SLA policy files are not supported yet; "
                    + "leave the option out to run with the built-in policy (docs/cases.md)");
        }
        return builtIn(defaultCorrelation);
    }

    static SlaPolicy builtIn(Duration defaultCorrelation) {
        return new SlaPolicy(List.of(
                rule("", null, Duration.ofHours(2), Duration.ofHours(4), Duration.ofDays(1), null, false),
                rule("fire", null, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1), null, false),
                rule("fire", "CRITICAL", Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(30), null, true),
                rule("welfare", null, Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12), false),
                rule("facility", null, Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(8), null, false),
                rule("device", null, Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(3), Duration.ofHours(24), false)),
                defaultCorrelation);
    }

    private static SlaPolicy.Rule rule(String type, String severity, Duration dispatch, Duration accept, Duration resolve,
                                       Duration correlation, boolean allAtOnce) {
        return new SlaPolicy.Rule(type, severity, new SlaLimits(dispatch, accept, resolve), correlation, allAtOnce);
    }
}
