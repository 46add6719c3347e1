package io.onegrid.hub.cases;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether a raised alarm opens a new case or joins an open one. Rules, first match wins:
 * <ol>
 *   <li>same source: an open case already holds an alarm from the same source system, device and rule
 *       (the source re-raised while its case is still being handled) — joins whatever its age;</li>
 *   <li>same place: an open case of the same case type about the same place — the same unit when the alarm
 *       names one, else the same site and common area — whose last alarm arrived within the case type's
 *       correlation window — joins the most recent;</li>
 *   <li>otherwise a new case opens.</li>
 * </ol>
 * A closed case is never a candidate (the store loads open cases only), so after closure a new alarm opens a
 * new case. Pure logic; "now" is passed in.
 */
public final class CaseCorrelator {

    /** An open case as far as correlation needs to know it. */
    public record Candidate(long caseId, String type, String site, String unit, String area, long lastAlarmAt,
                            boolean holdsSameSource) { }

    /** The outcome: join {@code caseId} (for the reason given), or open a new case when empty. */
    public record Decision(Optional<Long> joinCaseId, Reason reason) {
        public static Decision open() { return new Decision(Optional.empty(), Reason.NEW); }
    }

    public enum Reason { NEW, SAME_SOURCE, SAME_PLACE }

    private final Function<String, Duration> windowOfType;

    public CaseCorrelator(Function<String, Duration> windowOfType) {
        this.windowOfType = windowOfType;
    }

    public Decision decide(AlarmSignal alarm, List<Candidate> openCases, long now) {
        Optional<Candidate> source = openCases.stream().filter(Candidate::holdsSameSource)
                .max(Comparator.comparingLong(Candidate::lastAlarmAt));
        if (source.isPresent()) {
            return new Decision(Optional.of(source.get().caseId()), Reason.SAME_SOURCE);
        }
        long since = now - windowOfType.apply(alarm.caseType()).toMillis();
        return openCases.stream()
                .filter(c -> c.type().equals(alarm.caseType()) && samePlace(c, alarm) && c.lastAlarmAt() >= since)
                .max(Comparator.comparingLong(Candidate::lastAlarmAt))
                .map(c -> new Decision(Optional.of(c.caseId()), Reason.SAME_PLACE))
                .orElseGet(Decision::open);
    }

    static boolean samePlace(Candidate c, AlarmSignal a) {
        if (!c.site().equals(a.site())) return false;
        if (a.unit() != null || c.unit() != null) return Objects.equals(c.unit(), a.unit());
        return Objects.equals(c.area(), a.area());
    }

    /** The key two writers must not correlate concurrently: the alarm's place. */
    public static String placeKey(AlarmSignal a) {
        return a.site() + (a.unit() != null ? "/u/" + a.unit() : "/a/" + a.area());
    }
}
