package io.onegrid.api;

import java.util.List;

/**
 * An alarm raised or cleared at the edge. {@code alarmId} names the occurrence (the raise and its clear
 * share it); {@code deviceId}+{@code ruleId} name the source.
 */
public record AlarmTransition(String alarmId, String deviceId, String ruleId, boolean raised, String severity,
                              String caseType, Coverage coverage, long raisedWallMs, long raisedMonoMs,
                              String message, List<Reading> readings, long wallMs, long monoMs) {
    public AlarmTransition {
        readings = List.copyOf(readings);
    }
}
