package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;

/** A case with its alarms, its append-only timeline (oldest first) and its notifications. */
public record CaseDetail(CaseSummary summary, List<AlarmView> alarms, List<TimelineEntry> timeline,
                         List<NotificationView> notifications) {

    /**
     * An alarm as stored: gateway-side raise time (wall and boot-relative mono), hub receive time, and
     * the readings that caused it as a JSON array string. {@code clearedAt} (hub time) is null while raised.
     * {@code raisedAt} is the raise in hub time: the hub's estimate from {@code raisedMonoMs} when
     * {@code raisedCorrected} (the gateway's clock was off beyond the tolerance), else the gateway's wall time;
     * null for alarms stored before the hub kept it.
     */
    public record AlarmView(long id, String gatewayId, String alarmId, String device, String rule, String severity,
                            String caseType, String site, String unit, String area, long raisedWallMs,
                            long raisedMonoMs, Instant raisedAt, boolean raisedCorrected, Instant receivedAt,
                            Instant clearedAt, String message, String readingsJson) { }

    /** One timeline line: when, who (user or {@code gateway:<id>} or {@code system}), what, details. */
    public record TimelineEntry(Instant at, String actor, String action, String detail) { }

    /** Who was told, why, and whether they acknowledged. */
    public record NotificationView(long id, String responderId, String role, String tier, String reason, String state,
                                   Instant createdAt, Instant ackedAt) { }
}
