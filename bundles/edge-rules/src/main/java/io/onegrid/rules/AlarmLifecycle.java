package io.onegrid.rules;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The alarm state of one rule on one device. Rule evaluators turn observations into {@link Signal}s;
 * this class applies the minimum duration and flapping suppression and decides when an alarm is raised
 * or cleared. Not thread-safe: the rule engine calls it under the device's lock.
 *
 * <pre>
 *            RAISE (minDuration 0)
 *    ┌────────────────────────────────────────────┐
 *    │                                            ▼
 *  CLEAR ──RAISE──► PENDING ──RAISE or tick,──► RAISED ──CLEAR──► CLEAR   (emits CLEAR)
 *    ▲               │        held ≥ minDuration  │  (emits RAISE)
 *    └──HOLD/CLEAR───┘                            │
 *     (timer reset, nothing emitted)              │ CLEAR while flapping
 *                                                 ▼
 *                                      RAISED (clear held) ──tick, CLEAR held for a whole
 *                                          │      ▲           flap window──► CLEAR (emits CLEAR)
 *                                          └RAISE─┘ (quiet timer reset)
 * </pre>
 *
 * <ul>
 *   <li>CLEAR + RAISE: to PENDING (since now), or straight to RAISED when there is no minimum duration.</li>
 *   <li>CLEAR + HOLD/CLEAR: stays CLEAR.</li>
 *   <li>PENDING + RAISE or tick: RAISED once the condition has held for minDuration since it was first seen.</li>
 *   <li>PENDING + HOLD/CLEAR: back to CLEAR; the next RAISE starts the timer again (a dip resets it).</li>
 *   <li>RAISED + RAISE/HOLD: stays RAISED (a restored alarm re-asserts its local actions once, see below).</li>
 *   <li>RAISED + CLEAR: to CLEAR, unless that clear would make more than {@link FlapPolicy#maxChanges()}
 *       changes within {@link FlapPolicy#window()}: then the clear is held and sent only when the clear
 *       condition lasted a whole window without another RAISE signal. Raises are never suppressed.</li>
 * </ul>
 * A restored alarm (raised before a restart, see {@link #restore}) starts RAISED with its stored id, so
 * the next raise condition is not a new alarm and its clear reuses the id. The first RAISE signal it sees
 * yields a {@link Transition.Type#REASSERT} so local actions (the siren) are driven again after a reboot,
 * without sending anything.
 * <p>
 * Re-synchronisation (see {@link Resync}): the engine marks the observation that is the first after the
 * device was unreadable ({@link #resync}). A raise or clear it causes carries the note in its detail; a
 * condition it makes PENDING keeps the note for its raise, whose minimum duration counts from that first
 * sight. Nothing else changes: a restored alarm whose condition still holds stays RAISED (REASSERT), one
 * whose condition is gone clears with its stored id.
 */
public final class AlarmLifecycle {
    public enum State { CLEAR, PENDING, RAISED }

    private static final Logger LOG = LoggerFactory.getLogger(AlarmLifecycle.class);
    private static final int MAX_EVIDENCE = 5;

    private final String name;
    private final GatewayClock clock;
    private long minDurationMs;
    private final Supplier<String> ids;
    private FlapPolicy flap;

    private State state = State.CLEAR;
    private long pendingSinceMono;
    private String pendingDetail;
    /** The re-sync note of the observation being applied, and of the one that started a PENDING condition. */
    private String resyncNote;
    private String pendingNote;
    private final List<Reading> evidence = new ArrayList<>();

    private String alarmId;
    private long raisedWallMs;
    private long raisedMonoMs;
    private boolean awaitingReassert;

    private boolean holdingClear;
    private long quietSinceMono = -1;
    private Reading quietReading;
    private String quietDetail;
    private final Deque<Long> changes = new ArrayDeque<>();

    /**
     * @param name          "device/rule", for logs
     * @param minDurationMs how long a raise condition must hold before the alarm is raised (0 = at once)
     * @param ids           source of new alarm ids
     */
    public AlarmLifecycle(String name, GatewayClock clock, long minDurationMs, FlapPolicy flap, Supplier<String> ids) {
        this.name = name;
        this.clock = clock;
        this.minDurationMs = Math.max(0, minDurationMs);
        this.flap = flap;
        this.ids = ids;
    }

    public State state() {
        return state;
    }

    /** The id of the raised alarm, or null when clear or pending. */
    public String alarmId() {
        return state == State.RAISED ? alarmId : null;
    }

    /** True while a clear is being held back because the rule was flapping. */
    public boolean suppressingFlap() {
        return holdingClear;
    }

    public void flapPolicy(FlapPolicy policy) {
        this.flap = policy;
    }

    /** Changes the minimum duration (a live override change); a pending condition keeps its start time. */
    public void minDurationMs(long millis) {
        this.minDurationMs = Math.max(0, millis);
    }

    /** Puts the lifecycle in RAISED with an alarm that was raised before a restart. */
    public void restore(String storedAlarmId, long storedRaisedWallMs, long storedRaisedMonoMs) {
        state = State.RAISED;
        alarmId = storedAlarmId;
        raisedWallMs = storedRaisedWallMs;
        raisedMonoMs = storedRaisedMonoMs;
        awaitingReassert = true;
        holdingClear = false;
        evidence.clear();
    }

    /**
     * Marks the observations applied until the next call as a re-sync point ({@code note} says which), or ends
     * the mark ({@code null}). The engine sets it around the evaluation of one reading.
     */
    void resync(String note) {
        this.resyncNote = note;
    }

    /** Applies one observation. {@code cause} may be null for observations that are not readings. */
    public Optional<Transition> signal(Signal signal, Reading cause, String detail) {
        long now = clock.monoMs();
        switch (state) {
            case CLEAR:
                if (signal != Signal.RAISE) return Optional.empty();
                evidence.clear();
                addEvidence(cause);
                pendingDetail = detail;
                pendingNote = resyncNote;
                pendingSinceMono = now;
                if (minDurationMs == 0) return Optional.of(raise(now));
                state = State.PENDING;
                return Optional.empty();
            case PENDING:
                if (signal != Signal.RAISE) {
                    state = State.CLEAR;
                    evidence.clear();
                    pendingNote = null;
                    return Optional.empty();
                }
                addEvidence(cause);
                pendingDetail = detail;
                return now - pendingSinceMono >= minDurationMs ? Optional.of(raise(now)) : Optional.empty();
            case RAISED:
            default:
                return whileRaised(signal, cause, withNote(detail, resyncNote), now);
        }
    }

    /** Lets time pass: promotes a pending alarm whose minimum duration is over, releases a held clear. */
    public Optional<Transition> tick() {
        long now = clock.monoMs();
        if (state == State.PENDING && now - pendingSinceMono >= minDurationMs) {
            return Optional.of(raise(now));
        }
        if (state == State.RAISED && holdingClear && quietSinceMono >= 0
                && now - quietSinceMono >= flap.window().toMillis()) {
            LOG.info("Alarm {} quiet for {}: flapping suppression ends, sending its clear", name, flap.window());
            return Optional.of(clear(now, quietReading, quietDetail));
        }
        return Optional.empty();
    }

    /**
     * Clears a raised alarm regardless of flapping, for a rule that was disabled or a device that was
     * removed from the configuration; a pending condition is dropped.
     */
    public Optional<Transition> forceClear(String detail) {
        if (state == State.PENDING) {
            state = State.CLEAR;
            pendingNote = null;
        }
        if (state != State.RAISED) return Optional.empty();
        return Optional.of(clear(clock.monoMs(), null, detail));
    }

    private Optional<Transition> whileRaised(Signal signal, Reading cause, String detail, long now) {
        if (signal == Signal.RAISE) {
            if (holdingClear) {
                quietSinceMono = -1;
            }
            if (awaitingReassert) {
                awaitingReassert = false;
                return Optional.of(new Transition(Transition.Type.REASSERT, alarmId, raisedWallMs, raisedMonoMs,
                        cause == null ? List.of() : List.of(cause), detail, clock.wallMs(), now));
            }
            return Optional.empty();
        }
        if (signal == Signal.HOLD) return Optional.empty();
        if (holdingClear) {
            if (quietSinceMono < 0) {
                quietSinceMono = now;
                quietReading = cause;
                quietDetail = detail;
            }
            return Optional.empty();
        }
        prune(now);
        if (changes.size() + 1 > flap.maxChanges()) {
            LOG.info("Alarm {} changed state {} times within {}: holding it raised until quiet for that long",
                    name, changes.size(), flap.window());
            holdingClear = true;
            quietSinceMono = now;
            quietReading = cause;
            quietDetail = detail;
            return Optional.empty();
        }
        return Optional.of(clear(now, cause, detail));
    }

    private Transition raise(long now) {
        state = State.RAISED;
        alarmId = ids.get();
        raisedWallMs = clock.wallMs();
        raisedMonoMs = now;
        awaitingReassert = false;
        holdingClear = false;
        changes.addLast(now);
        Transition t = new Transition(Transition.Type.RAISE, alarmId, raisedWallMs, raisedMonoMs, evidence,
                withNote(pendingDetail, pendingNote), raisedWallMs, now);
        evidence.clear();
        pendingNote = null;
        return t;
    }

    private static String withNote(String detail, String note) {
        if (note == null) return detail;
        return detail == null || detail.isBlank() ? note : detail + "; " + note;
    }

    private Transition clear(long now, Reading cause, String detail) {
        Transition t = new Transition(Transition.Type.CLEAR, alarmId, raisedWallMs, raisedMonoMs,
                cause == null ? List.of() : List.of(cause), detail, clock.wallMs(), now);
        state = State.CLEAR;
        alarmId = null;
        awaitingReassert = false;
        holdingClear = false;
        quietSinceMono = -1;
        quietReading = null;
        quietDetail = null;
        changes.addLast(now);
        return t;
    }

    private void prune(long now) {
        long horizon = now - flap.window().toMillis();
        while (!changes.isEmpty() && changes.peekFirst() <= horizon) {
            changes.removeFirst();
        }
    }

    /** Keeps the reading that started the condition and the latest ones, so a long condition stays small. */
    private void addEvidence(Reading reading) {
        if (reading == null) return;
        if (evidence.size() >= MAX_EVIDENCE) evidence.remove(1);
        evidence.add(reading);
    }
}
