package io.onegrid.hub.cases;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Placeholder: the shipped limits, until the policy file reader lands. */
public final class SlaPolicyFile {
    private SlaPolicyFile() { }

    public static SlaPolicy load(Optional<Path> file, Duration defaultCorrelation) {
        return new SlaPolicy(List.of(
                new SlaPolicy.Rule("", null, new SlaLimits(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(24)), null, false),
                new SlaPolicy.Rule("fire", null, new SlaLimits(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)), null, false),
                new SlaPolicy.Rule("fire", "CRITICAL", new SlaLimits(Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(30)), null, true)),
                defaultCorrelation);
    }
}
