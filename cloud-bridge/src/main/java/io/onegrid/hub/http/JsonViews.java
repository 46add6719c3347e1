package io.onegrid.hub.http;

import io.onegrid.hub.store.CaseDetail;
import io.onegrid.hub.store.CasePage;
import io.onegrid.hub.store.CaseSummary;
import io.onegrid.hub.store.GatewayView;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** JSON shapes of the REST API, as documented in openapi.yaml. Times are ISO-8601 UTC strings. */
final class JsonViews {
    private JsonViews() { }

    static JsonObject page(CasePage p) {
        JsonArray items = new JsonArray();
        p.items().forEach(s -> items.add(summary(s)));
        return new JsonObject().put("items", items).put("total", p.total()).put("limit", p.limit()).put("offset", p.offset());
    }

    static JsonObject summary(CaseSummary s) {
        return new JsonObject().put("id", s.id()).put("type", s.type()).put("severity", s.severity())
                .put("stage", s.stage().name()).put("site", s.site()).put("unit", s.unit()).put("area", s.area())
                .put("gridNode", s.gridNode()).put("openedAt", time(s.openedAt())).put("updatedAt", time(s.updatedAt()))
                .put("alarmCount", s.alarmCount());
    }

    static JsonObject detail(CaseDetail d) {
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
        return summary(d.summary()).put("alarms", alarms).put("timeline", timeline);
    }

    static JsonObject gateway(GatewayView g) {
        JsonArray devices = new JsonArray();
        for (GatewayView.DeviceView d : g.devices()) {
            devices.add(new JsonObject().put("id", d.id()).put("profile", d.profile()).put("site", d.site())
                    .put("unit", d.unit()).put("area", d.area()).put("online", d.online()));
        }
        return new JsonObject().put("id", g.id()).put("online", g.online()).put("lastSeen", time(g.lastSeen()))
                .put("bootId", g.bootId()).put("software", g.software()).put("registeredAt", time(g.registeredAt()))
                .put("clockSkewMs", g.clockSkewMs()).put("clockCorrected", g.clockCorrected())
                .put("devices", devices);
    }

    private static Object readings(String json) {
        try {
            return new JsonArray(json);
        } catch (DecodeException e) {
            return new JsonArray();
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
