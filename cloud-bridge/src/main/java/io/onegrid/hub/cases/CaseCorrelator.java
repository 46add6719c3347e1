package io.onegrid.hub.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a raised alarm opens a new case or joins an open one. Rules, first match wins:
 * <ol>
 *   <li>same source: an open case already holds an alarm from the same gateway, device and rule
 *       (the source re-raised while its case is still being handled) — joins whatever its age;</li>
 *   <li>same place: an open case of the same case type at the same site and unit (null unit equals null
 *       unit) whose last alarm arrived within the correlation window — joins the most recent;</li>
 *   <li>otherwise a new case opens.</li>
 * </ol>
 * Pure logic over candidates the store has loaded; time comes from the injected clock.
 */
public final class CaseCorrelator {

    /** An open case as far as correlation needs to know it. */
    public record Candidate(long caseId, String type, String site, String unit, Instant lastAlarmAt,
                            boolean holdsSameSource) { }

    /** What the incoming alarm is about. */
    public record AlarmKey(String gatewayId, String device, String rule, String caseType, String site, String unit) { }

    /** The outcome: join {@code caseId} (for the reason given), or open a new case when empty. */
    public record Decision(Optional<Long> joinCaseId, Reason reason) {
        public static Decision open() { return new Decision(Optional.empty(), Reason.NEW); }
    }

    public enum Reason { NEW, SAME_SOURCE, SAME_PLACE }

    private final Duration window;
    private final Clock clock;

    public CaseCorrelator(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    public Decision decide(AlarmKey alarm, List<Candidate> openCases) {
        Optional<Candidate> source = openCases.stream().filter(Candidate::holdsSameSource)
                .max(Comparator.comparing(Candidate::lastAlarmAt));
        if (source.isPresent()) {
            return new Decision(Optional.of(source.get().caseId()), Reason.SAME_SOURCE);
        }
        Instant since = clock.instant().minus(window);
        return openCases.stream()
                .filter(c -> c.type().equals(alarm.caseType()) && c.site().equals(alarm.site())
                        && Objects.equals(c.unit(), alarm.unit()) && !c.lastAlarmAt().isBefore(since))
                .max(Comparator.comparing(Candidate::lastAlarmAt))
                .map(c -> new Decision(Optional.of(c.caseId()), Reason.SAME_PLACE))
                .orElseGet(Decision::open);
    }

    public Instant now() {
        return clock.instant();
    }
}
