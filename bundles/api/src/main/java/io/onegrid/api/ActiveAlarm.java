package io.onegrid.api;

/** An alarm that is currently raised, as persisted so that a restart neither raises it again nor loses its clear. */
public record ActiveAlarm(String alarmId, String deviceId, String ruleId, long raisedWallMs, long raisedMonoMs,
                          String severity) { }
