package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseStage;
import java.time.Instant;

/**
 * A case in the list. {@code gridNode} is the place the grid knows it by (the unit, area or site; null while
 * {@code unplaced}), {@code scopePath} that node's path, {@code ownerTier} the command tier responsible now.
 * Deadlines are null when they no longer apply. {@code version} grows by one with every change.
 */
public record CaseSummary(long id, String type, String severity, CaseStage stage, String site, String unit,
                          String area, String gridNode, String scopePath, boolean unplaced, String ownerTier,
                          int escalationLevel, String assigneeUser, String assigneeTeam, int version, boolean confirmed,
                          int sourceCount, String residentId, Instant openedAt, Instant updatedAt, Instant dispatchDue,
                          Instant acceptDue, Instant resolveDue, Instant closedAt, int alarmCount, int reworkCount,
                          String outcome, String falseAlarmReason) { }
