package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseStage;
import java.time.Instant;

/**
 * A case in the list. {@code gridNode} is a placeholder for the grid hierarchy (district → ... → grid)
 * and is null until grid mapping exists.
 */
public record CaseSummary(long id, String type, String severity, CaseStage stage, String site, String unit,
                          String area, String gridNode, Instant openedAt, Instant updatedAt, int alarmCount) { }
