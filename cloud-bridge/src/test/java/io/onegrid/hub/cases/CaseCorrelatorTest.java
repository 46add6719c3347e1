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
    private final CaseCorrelator correlator = new CaseCorrelator(type -> type.startsWith("welfare")
            ? Duration.ofHours(12) : Duration.ofMinutes(10));
    private final AlarmSignal smoke302 = alarm("fire.smoke", "302", null);

    private static AlarmSignal alarm(String type, String unit, String area) {
        return new AlarmSignal("gw-1", "a-1", "smoke-a", "smoke", true, "MAJOR", type, "site-a", unit, area, null, 0,
                null, "[]");
    }

    private CaseCorrelator.Candidate candidate(long id, String type, String unit, Duration ago, boolean sameSource) {
        return new CaseCorrelator.Candidate(id, type, "site-a", unit, null, clock.instant().minus(ago).toEpochMilli(),
                sameSource);
    }

    private CaseCorrelator.Decision decide(AlarmSignal a, List<CaseCorrelator.Candidate> c) {
        return correlator.decide(a, c, clock.millis());
    }

    /** Verifies that without candidates a new case opens. */
    @Test
    void noCandidateOpens() {
        assertThat(decide(smoke302, List.of())).isEqualTo(CaseCorrelator.Decision.open());
    }

    /** Verifies that the same source joins regardless of age, ahead of a fresher same-place case. */
    @Test
    void sameSourceWinsWhateverItsAge() {
        CaseCorrelator.Decision d = decide(smoke302, List.of(
                candidate(1, "fire.smoke", "302", Duration.ofDays(2), true),
                candidate(2, "fire.smoke", "302", Duration.ofMinutes(1), false)));
        assertThat(d.joinCaseId()).hasValue(1L);
        assertThat(d.reason()).isEqualTo(CaseCorrelator.Reason.SAME_SOURCE);
    }

    /** Verifies the window edge: exactly the window joins, a millisecond more opens. */
    @Test
    void samePlaceWindowEdge() {
        assertThat(decide(smoke302, List.of(candidate(1, "fire.smoke", "302", Duration.ofMinutes(10), false)))
                .joinCaseId()).hasValue(1L);
        assertThat(decide(smoke302, List.of(candidate(1, "fire.smoke", "302",
                Duration.ofMinutes(10).plusMillis(1), false))).joinCaseId()).isEmpty();
    }

    /** Verifies that type and unit must match for a same-place join, and the most recent case is chosen. */
    @Test
    void samePlaceNeedsTypeAndUnit() {
        assertThat(decide(smoke302, List.of(
                candidate(1, "gas.leak", "302", Duration.ofMinutes(1), false),
                candidate(2, "fire.smoke", "303", Duration.ofMinutes(1), false),
                candidate(3, "fire.smoke", null, Duration.ofMinutes(1), false))).joinCaseId()).isEmpty();
        assertThat(decide(smoke302, List.of(
                candidate(4, "fire.smoke", "302", Duration.ofMinutes(5), false),
                candidate(5, "fire.smoke", "302", Duration.ofMinutes(2), false))))
                .isEqualTo(new CaseCorrelator.Decision(Optional.of(5L), CaseCorrelator.Reason.SAME_PLACE));
    }

    /** Verifies that a null unit matches a null unit (common areas). */
    @Test
    void nullUnitsMatch() {
        AlarmSignal hydrant = alarm("fire.hydrant", null, null);
        assertThat(decide(hydrant, List.of(candidate(7, "fire.hydrant", null, Duration.ZERO, false)))
                .joinCaseId()).hasValue(7L);
    }

    /** Verifies that without a unit the area decides: pump room and stairwell of one site are different places. */
    @Test
    void areaIsThePlaceWithoutUnit() {
        AlarmSignal pump = alarm("fire.hydrant", null, "pump-room");
        CaseCorrelator.Candidate stair = new CaseCorrelator.Candidate(8, "fire.hydrant", "site-a", null, "stairwell",
                clock.millis(), false);
        CaseCorrelator.Candidate pumpCase = new CaseCorrelator.Candidate(9, "fire.hydrant", "site-a", null, "pump-room",
                clock.millis(), false);
        assertThat(decide(pump, List.of(stair)).joinCaseId()).isEmpty();
        assertThat(decide(pump, List.of(stair, pumpCase)).joinCaseId()).hasValue(9L);
    }

    /** Verifies that the window is per case type: a welfare alarm joins after 5 h, a smoke alarm does not. */
    @Test
    void windowPerCaseType() {
        AlarmSignal welfare = alarm("welfare.inactivity", "302", null);
        assertThat(decide(welfare, List.of(candidate(1, "welfare.inactivity", "302", Duration.ofHours(5), false)))
                .joinCaseId()).hasValue(1L);
        assertThat(decide(smoke302, List.of(candidate(2, "fire.smoke", "302", Duration.ofHours(5), false)))
                .joinCaseId()).isEmpty();
    }

    /** Verifies severity ranking of wire strings. */
    @Test
    void severities() {
        assertThat(Severities.max("MAJOR", "critical")).isEqualTo("CRITICAL");
        assertThat(Severities.max("MAJOR", "minor")).isEqualTo("MAJOR");
        assertThat(Severities.max("weird", "INFO")).isEqualTo("INFO");
        assertThat(Severities.stepUp("MAJOR")).isEqualTo("CRITICAL");
        assertThat(Severities.stepUp("CRITICAL")).isEqualTo("CRITICAL");
    }
}
