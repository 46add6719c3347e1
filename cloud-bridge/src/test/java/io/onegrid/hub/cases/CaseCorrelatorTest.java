package io.onegrid.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Correlation rules on an injected clock. */
class CaseCorrelatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final CaseCorrelator correlator = new CaseCorrelator(Duration.ofMinutes(10), clock);
    private final CaseCorrelator.AlarmKey smoke302 =
            new CaseCorrelator.AlarmKey("gw-1", "smoke-a", "smoke", "fire.smoke", "site-a", "302");

    private CaseCorrelator.Candidate candidate(long id, String type, String unit, Duration ago, boolean sameSource) {
        return new CaseCorrelator.Candidate(id, type, "site-a", unit, clock.instant().minus(ago), sameSource);
    }

    /** Verifies that without candidates a new case opens. */
    @Test
    void noCandidateOpens() {
        assertThat(correlator.decide(smoke302, List.of())).isEqualTo(CaseCorrelator.Decision.open());
    }

    /** Verifies that the same source joins regardless of age, ahead of a fresher same-place case. */
    @Test
    void sameSourceWinsWhateverItsAge() {
        CaseCorrelator.Decision d = correlator.decide(smoke302, List.of(
                candidate(1, "fire.smoke", "302", Duration.ofDays(2), true),
                candidate(2, "fire.smoke", "302", Duration.ofMinutes(1), false)));
        assertThat(d.joinCaseId()).hasValue(1L);
        assertThat(d.reason()).isEqualTo(CaseCorrelator.Reason.SAME_SOURCE);
    }

    /** Verifies the window edge: exactly the window joins, a millisecond more opens. */
    @Test
    void samePlaceWindowEdge() {
        assertThat(correlator.decide(smoke302, List.of(candidate(1, "fire.smoke", "302", Duration.ofMinutes(10), false)))
                .joinCaseId()).hasValue(1L);
        assertThat(correlator.decide(smoke302, List.of(candidate(1, "fire.smoke", "302",
                Duration.ofMinutes(10).plusMillis(1), false))).joinCaseId()).isEmpty();
    }

    /** Verifies that type and unit must match for a same-place join, and the most recent case is chosen. */
    @Test
    void samePlaceNeedsTypeAndUnit() {
        assertThat(correlator.decide(smoke302, List.of(
                candidate(1, "gas.leak", "302", Duration.ofMinutes(1), false),
                candidate(2, "fire.smoke", "303", Duration.ofMinutes(1), false),
                candidate(3, "fire.smoke", null, Duration.ofMinutes(1), false))).joinCaseId()).isEmpty();
        assertThat(correlator.decide(smoke302, List.of(
                candidate(4, "fire.smoke", "302", Duration.ofMinutes(5), false),
                candidate(5, "fire.smoke", "302", Duration.ofMinutes(2), false))))
                .isEqualTo(new CaseCorrelator.Decision(Optional.of(5L), CaseCorrelator.Reason.SAME_PLACE));
    }

    /** Verifies that a null unit matches a null unit (common areas). */
    @Test
    void nullUnitsMatch() {
        CaseCorrelator.AlarmKey hydrant = new CaseCorrelator.AlarmKey("gw-1", "h", "low", "fire.hydrant", "site-a", null);
        assertThat(correlator.decide(hydrant, List.of(candidate(7, "fire.hydrant", null, Duration.ZERO, false)))
                .joinCaseId()).hasValue(7L);
    }

    /** Verifies severity ranking of wire strings. */
    @Test
    void severities() {
        assertThat(Severities.max("MAJOR", "critical")).isEqualTo("CRITICAL");
        assertThat(Severities.max("MAJOR", "minor")).isEqualTo("MAJOR");
        assertThat(Severities.max("weird", "INFO")).isEqualTo("INFO");
    }
}
