package io.onegrid.hub.store;

import java.time.Instant;

/**
 * One notification as its responder sees it: who was told about which case, why, and whether they acknowledged
 * it. {@code state} is {@code PENDING} until acknowledged, then {@code ACKED} (with {@code ackedAt}).
 */
public record NotificationRecord(long id, long caseId, String caseType, String caseSeverity, String caseStage,
                                 String responderId, String role, String tier, String reason, String state,
                                 Instant createdAt, Instant ackedAt) {
    public static final String PENDING = "PENDING";
    public static final String ACKED = "ACKED";
}
