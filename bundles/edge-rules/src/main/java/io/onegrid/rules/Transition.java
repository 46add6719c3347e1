package io.onegrid.rules;

import io.onegrid.api.Reading;

import java.util.List;

/**
 * What a rule's lifecycle decided: raise a new alarm, clear the raised one, or (after a restart) re-assert
 * the local actions of an alarm that was restored raised and is confirmed by a fresh observation.
 * The raise and its clear carry the same {@code alarmId}.
 *
 * @param readings the readings that caused it (empty for time- or communication-driven transitions)
 * @param detail   a short sentence for the alarm message, for example "pressure 0.08 MPa below 0.1"
 */
public record Transition(Type type, String alarmId, long raisedWallMs, long raisedMonoMs, List<Reading> readings,
                         String detail, long wallMs, long monoMs) {
    public enum Type { RAISE, CLEAR, REASSERT }

    public Transition {
        readings = List.copyOf(readings);
    }

    public boolean raised() {
        return type != Type.CLEAR;
    }
}
