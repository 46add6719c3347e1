package io.onegrid.hub.http;

import io.onegrid.hub.cases.CaseAction;
import io.onegrid.hub.cases.CaseMachine;
import io.onegrid.hub.cases.CaseRoles;
import io.onegrid.hub.cases.Role;
import io.onegrid.hub.store.AuditEntry;
import io.onegrid.hub.store.CaseDetail;
import io.onegrid.hub.store.CasePage;
import io.onegrid.hub.store.CaseSummary;
import io.onegrid.hub.store.GatewayView;
import io.onegrid.hub.store.Kpis;
import io.onegrid.hub.store.UserRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** JSON shapes of the REST API, as documented in openapi.yaml. Times are ISO-8601 UTC strings. */
final class JsonViews {
    private JsonViews() { }

    static JsonObject page(CasePage p, Role role) {
        JsonArray items = new JsonArray();
        p.items().forEach(s -> items.add(summary(s, role)));
        return new JsonObject().put("items", items).put("total", p.total()).put("limit", p.limit()).put("offset", p.offset());
    }

    static JsonObject summary(CaseSummary s, Role role) {
        JsonArray actions = new JsonArray();
        for (CaseAction a : CaseMachine.allowed(s.stage())) {
            if (CaseRoles.may(role, a)) actions.add(a.wireName());
        }
        return new JsonObject().put("id", s.id()).put("type", s.type()).put("severity", s.severity())
                .put("stage", s.stage().name()).put("site", s.site()).put("unit", s.unit()).put("area", s.area())
                .put("gridNode", s.gridNode()).put("unplaced", s.unplaced()).put("ownerTier", s.ownerTier())
                .put("escalationLevel", s.escalationLevel()).put("assignee", s.assigneeUser()).put("team", s.assigneeTeam())
                .put("version", s.version()).put("confirmed", s.confirmed()).put("sources", s.sourceCount())
                .put("residentId", s.residentId()).put("openedAt", time(s.openedAt())).put("updatedAt", time(s.updatedAt()))
                .put("deadlines", new JsonObject().put("dispatch", time(s.dispatchDue())).put("accept", time(s.acceptDue()))
                        .put("resolve", time(s.resolveDue())))
                .put("closedAt", time(s.closedAt())).put("alarmCount", s.alarmCount()).put("reworkCount", s.reworkCount())
                .put("outcome", s.outcome()).put("falseAlarmReason", s.falseAlarmReason())
                .put("allowedActions", actions);
    }

    static JsonObject detail(CaseDetail d, Role role) {
        JsonArray alarms = new JsonArray();
        for (CaseDetail.AlarmView a : d.alarms()) {
            alarms.add(new JsonObject().put("id", a.id()).put("gateway", a.gatewayId()).put("alarmId", a.alarmId())
                    .put("device", a.device()).put("rule", a.rule()).put("severity", a.severity())
                    .put("caseType", a.caseType()).put("site", a.site()).put("unit", a.unit()).put("area", a.area())
                    .put("raisedAt", new JsonObject().put("wall", a.raisedWallMs()).put("mono", a.raisedMonoMs())
                            .put("hub", time(a.raisedAt())).put("corrected", a.raisedCorrected()))
                    .put("receivedAt", time(a.receivedAt())).put("clearedAt", time(a.clearedAt()))
                    .put("message", a.message()).put("readings", readings(a.readingsJson())));
        }
        JsonArray timeline = new JsonArray();
        for (CaseDetail.TimelineEntry t : d.timeline()) {
            timeline.add(new JsonObject().put("at", time(t.at())).put("actor", t.actor()).put("action", t.action())
                    .put("detail", t.detail()));
        }
        JsonArray notes = new JsonArray();
        for (CaseDetail.NotificationView n : d.notifications()) {
            notes.add(new JsonObject().put("id", n.id()).put("responder", n.responderId()).put("role", n.role())
                    .put("tier", n.tier()).put("reason", n.reason()).put("state", n.state())
                    .put("createdAt", time(n.createdAt())).put("ackedAt", time(n.ackedAt())));
        }
        return summary(d.summary(), role).put("alarms", alarms).put("timeline", timeline).put("notifications", notes);
    }

    static JsonObject gateway(GatewayView g) {
        JsonArray devices = new JsonArray();
        g.devices().forEach(d -> devices.add(device(d)));
        return new JsonObject().put("id", g.id()).put("online", g.online()).put("state", g.state())
                .put("stateSince", time(g.stateSince())).put("lastSeen", time(g.lastSeen()))
                .put("bootId", g.bootId()).put("software", g.software()).put("registeredAt", time(g.registeredAt()))
                .put("site", g.site())
                .put("clockSkewMs", g.clockSkewMs()).put("clockCorrected", g.clockCorrected())
                .mergeIn(heartbeat(g.heartbeat()))
                .put("counters", new JsonObject().put("received", g.received()).put("duplicates", g.duplicates())
                        .put("rejected", g.rejected()))
                .put("devices", devices);
    }

    /** The heartbeat's figures, flat in the gateway: all null before its first heartbeat. */
    private static JsonObject heartbeat(GatewayView.Heartbeat latest) {
        GatewayView.Heartbeat h = latest != null ? latest
                : new GatewayView.Heartbeat(null, null, null, null, null, null, null, null, null, null);
        return new JsonObject().put("healthAt", time(h.at())).put("uptimeMs", h.uptimeMs())
                .put("backlog", h.outboxPending()).put("outboxDropped", h.outboxDropped())
                .put("outboxOldestAgeMs", h.outboxOldestAgeMs()).put("outboxQuarantined", h.outboxQuarantined())
                .put("outboxQuarantinedBytes", h.outboxQuarantinedBytes())
                .put("outboxQuarantineEvicted", h.outboxQuarantineEvicted())
                .put("clockOffsetMs", h.clockOffsetMs()).put("clockSync", h.clockSync());
    }

    static JsonObject device(GatewayView.DeviceView d) {
        Object values = null;
        if (d.lastValuesJson() != null) {
            try {
                values = new JsonObject(d.lastValuesJson());
            } catch (DecodeException e) {
                values = null;
            }
        }
        GatewayView.DeviceHeartbeat reported = d.heartbeat() != null ? d.heartbeat()
                : new GatewayView.DeviceHeartbeat(null, null, null);
        Long age = d.lastValuesAt() == null ? null : Math.max(0, Instant.now().toEpochMilli() - d.lastValuesAt().toEpochMilli()) / 1000;
        return new JsonObject().put("gateway", d.gatewayId()).put("id", d.id()).put("profile", d.profile())
                .put("site", d.site()).put("unit", d.unit()).put("area", d.area()).put("online", d.online())
                .put("communication", d.online() == null ? "unknown" : d.online() ? "ok" : "failed")
                .put("stateSince", time(d.stateSince())).put("lastValues", values)
                .put("lastValuesAt", time(d.lastValuesAt())).put("lastValuesAgeS", age)
                .put("commState", reported.commState()).put("lastReadingAgeMs", reported.lastReadingAgeMs())
                .put("healthAt", time(reported.at()))
                .put("commissioned", d.commissionedAt() != null).put("commissionedAt", time(d.commissionedAt()));
    }

    static JsonObject kpis(Kpis k) {
        return new JsonObject().put("node", k.node()).put("from", time(k.from())).put("to", time(k.to()))
                .put("filed", k.filed()).put("due", k.due()).put("closed", k.closed()).put("closedOnTime", k.closedOnTime())
                .put("reworked", k.reworked()).put("falseAlarms", k.falseAlarms()).put("closureRate", k.closureRate())
                .put("onTimeClosureRate", k.onTimeClosureRate()).put("reworkRate", k.reworkRate())
                .put("falseAlarmRate", k.falseAlarmRate())
                .put("timeToDispatch", pct(k.toDispatch())).put("timeToAccept", pct(k.toAccept()))
                .put("timeToResolve", pct(k.toResolve())).put("timeToClose", pct(k.toClose()))
                .put("devices", k.devices()).put("devicesOnline", k.devicesOnline())
                .put("deviceAvailability", k.deviceAvailability());
    }

    private static JsonObject pct(Kpis.Percentiles p) {
        return new JsonObject().put("count", p.count()).put("p50S", p.p50()).put("p90S", p.p90());
    }

    static JsonObject user(UserRecord u) {
        return new JsonObject().put("username", u.username()).put("role", u.role().wireName()).put("scope", u.scopeNode())
                .put("displayName", u.displayName()).put("disabled", u.disabled())
                .put("disabledAt", u.disabledAt() == null ? null : u.disabledAt().toString());
    }

    static JsonObject notification(io.onegrid.hub.store.NotificationRecord n) {
        return new JsonObject().put("id", n.id()).put("caseId", n.caseId()).put("caseType", n.caseType())
                .put("caseSeverity", n.caseSeverity()).put("caseStage", n.caseStage()).put("responder", n.responderId())
                .put("role", n.role()).put("tier", n.tier()).put("reason", n.reason()).put("state", n.state())
                .put("createdAt", time(n.createdAt())).put("ackedAt", time(n.ackedAt()));
    }

    static JsonObject audit(AuditEntry a) {
        return new JsonObject().put("id", a.id()).put("at", time(a.at())).put("user", a.username()).put("action", a.action())
                .put("subject", a.subject()).put("detail", a.detail());
    }

    private static Object readings(String json) {
        try {
            return new JsonArray(json);
        } catch (DecodeException e) {
            return new JsonArray();
        }
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
