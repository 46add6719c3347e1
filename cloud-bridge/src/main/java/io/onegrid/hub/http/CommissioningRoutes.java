package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.claims.CommissioningMerge;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.GatewayView;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.hub.store.WalkTestStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/gateways/{id}/walktest} and {@code /api/gateways/{id}/commissioning}. Walk tests are started and ended
 * by installers whose part of the grid holds the gateway, or admins; commissioning reports are stored by them too and
 * read by operators as well. A gateway out of one's scope is a 404, a role that may not act a 403.
 */
final class CommissioningRoutes {
    static final Duration DEFAULT_WALK_TEST = Duration.ofMinutes(30);
    static final Duration MIN_WALK_TEST = Duration.ofMinutes(1);
    /** A gateway whose alarms open no case is a building without fire alarms: never longer than this. */
    static final Duration MAX_WALK_TEST = Duration.ofHours(4);
    static final int MAX_DEVICES = 1000;
    private static final Set<String> WALK_FIELDS = Set.of("duration");
    private static final Set<String> REPORT_FIELDS = Set.of("walkTest", "devices", "untested", "notes");
    private static final Set<String> DEVICE_FIELDS = Set.of("device", "triggeredAt", "value", "roundTripMs");

    private final Vertx vertx;
    private final HubStore store;
    private final Clock clock;

    CommissioningRoutes(Vertx vertx, HubStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    void mount(Router r) {
        r.post("/api/gateways/:id/walktest").handler(this::start);
        r.delete("/api/gateways/:id/walktest").handler(this::end);
        r.get("/api/gateways/:id/walktest").handler(this::current);
        r.put("/api/gateways/:id/commissioning").handler(this::submit);
        r.get("/api/gateways/:id/commissioning").handler(this::report);
    }

    /** The gateway if the caller sees it (else 404) and has one of {@code roles} (else 403). */
    private Future<GatewayView> allowed(RoutingContext ctx, Role... roles) {
        TokenSession s = Access.session(ctx);
        Scope scope = Access.scope(s, store.grid());
        String id = ctx.pathParam("id");
        return vertx.executeBlocking(() -> store.gateway(id, scope), false).map(g -> {
            if (g.isEmpty()) throw new HubException(HubError.NOT_FOUND, "no gateway " + id);
            Access.require(s, roles);
            return g.get();
        });
    }

    private void start(RoutingContext ctx) {
        JsonObject b = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : Requests.jsonBody(ctx);
        Requests.onlyFields(b, WALK_FIELDS);
        Duration d = Requests.duration(b, "duration", DEFAULT_WALK_TEST, MIN_WALK_TEST, MAX_WALK_TEST);
        String user = Access.session(ctx).username();
        allowed(ctx, Role.ADMIN, Role.INSTALLER)
                .compose(g -> vertx.executeBlocking(() -> store.startWalkTest(g.id(), d, user), false))
                .onSuccess(st -> {
                    ctx.response().setStatusCode(st.alreadyRunning() ? 200 : 201);
                    ctx.json(view(st.walkTest(), null).put("alreadyRunning", st.alreadyRunning())
                            .put("message", st.alreadyRunning()
                                    ? "a walk test was running already: it now ends at " + st.walkTest().endsAt()
                                    : "walk test started: alarms of this gateway open no case until " + st.walkTest().endsAt()));
                }).onFailure(ctx::fail);
    }

    private void end(RoutingContext ctx) {
        String user = Access.session(ctx).username();
        allowed(ctx, Role.ADMIN, Role.INSTALLER).compose(g -> vertx.executeBlocking(() -> {
            var ended = store.endWalkTest(g.id(), user);
            if (ended.isPresent()) return view(ended.get(), g).put("ended", true);
            // nothing running (it may have ended by itself): say so, and show the last one
            return store.latestWalkTest(g.id()).map(w -> view(w, g).put("ended", false)).orElseThrow(
                    () -> new HubException(HubError.NOT_FOUND, "gateway " + g.id() + " has had no walk test"));
        }, false)).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private void current(RoutingContext ctx) {
        allowed(ctx, Role.ADMIN, Role.OPERATOR, Role.INSTALLER)
                .compose(g -> vertx.executeBlocking(() -> store.latestWalkTest(g.id()).map(w -> view(w, g)).orElseThrow(
                        () -> new HubException(HubError.NOT_FOUND, "gateway " + g.id() + " has had no walk test")), false))
                .onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private void submit(RoutingContext ctx) {
        JsonObject b = Requests.jsonBody(ctx);
        Requests.onlyFields(b, REPORT_FIELDS);
        List<CommissioningMerge.Reported> reported = reported(b);
        List<String> untested = strings(b, "untested");
        Object notes = b.getValue("notes");
        if (notes != null && !(notes instanceof String n && n.length() <= 2000)) {
            throw bad("'notes' must be a string of at most 2000 characters");
        }
        Object wt = b.getValue("walkTest");
        if (wt != null && !(wt instanceof Number)) throw bad("'walkTest' must be the id of a walk test of this gateway");
        String user = Access.session(ctx).username();
        allowed(ctx, Role.ADMIN, Role.INSTALLER).compose(g -> vertx.executeBlocking(() -> {
            WalkTestStore.WalkTest walk = store.latestWalkTest(g.id()).orElse(null);
            if (wt != null && (walk == null || walk.id() != ((Number) wt).longValue())) {
                throw bad("walk test " + wt + " is not the latest walk test of gateway " + g.id());
            }
            List<String> declared = g.devices().stream().map(GatewayView.DeviceView::id).toList();
            CommissioningMerge.Result m = CommissioningMerge.merge(g.id(), declared, walk, reported, untested, (String) notes);
            WalkTestStore.Commissioning c = store.storeCommissioning(g.id(), walk == null ? null : walk.id(), user,
                    m.report().encode(), m.tested());
            return reportView(c);
        }, false)).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private void report(RoutingContext ctx) {
        allowed(ctx, Role.ADMIN, Role.OPERATOR, Role.INSTALLER)
                .compose(g -> vertx.executeBlocking(() -> store.commissioning(g.id()).map(CommissioningRoutes::reportView)
                        .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "gateway " + g.id()
                                + " has no commissioning report yet")), false))
                .onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private static JsonObject reportView(WalkTestStore.Commissioning c) {
        return new JsonObject(c.reportJson()).put("id", c.id()).put("submittedBy", c.submittedBy())
                .put("submittedAt", c.submittedAt().toString()).put("commissioned", new JsonArray(new ArrayList<>(c.commissioned())));
    }

    /** A walk test as the API shows it; with the gateway, also its declared devices the hub has not seen yet. */
    JsonObject view(WalkTestStore.WalkTest w, GatewayView g) {
        JsonArray devices = new JsonArray();
        Set<String> seen = new java.util.HashSet<>();
        for (WalkTestStore.DeviceSeen d : w.devices()) {
            seen.add(d.device());
            devices.add(new JsonObject().put("device", d.device()).put("firstTriggeredAt", d.firstAt().toString())
                    .put("receivedAt", d.receivedAt().toString()).put("trigger", d.trigger()).put("ref", d.ref())
                    .put("value", d.value()).put("roundTripMs", d.roundTripMs()).put("triggers", d.triggers()));
        }
        JsonObject o = new JsonObject().put("id", w.id()).put("gateway", w.gatewayId()).put("active", w.activeAt(clock.instant()))
                .put("startedAt", w.startedAt().toString()).put("startedBy", w.startedBy())
                .put("endsAt", w.endsAt().toString()).put("endedBy", w.endedBy()).put("devices", devices)
                .put("faults", CommissioningMerge.faults(w));
        if (g != null) {
            JsonArray waiting = new JsonArray();
            g.devices().stream().map(GatewayView.DeviceView::id).filter(id -> !seen.contains(id)).forEach(waiting::add);
            o.put("notSeen", waiting);
        }
        return o;
    }

    private static List<CommissioningMerge.Reported> reported(JsonObject b) {
        Object v = b.getValue("devices");
        if (v == null) return List.of();
        if (!(v instanceof JsonArray a) || a.size() > MAX_DEVICES) throw bad("'devices' must be an array of at most "
                + MAX_DEVICES + " objects");
        List<CommissioningMerge.Reported> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof JsonObject d)) throw bad("devices[" + i + "] must be an object");
            Requests.onlyFields(d, DEVICE_FIELDS);
            String device = Requests.requiredString(d, "device", 200);
            Instant at = null;
            if (d.getValue("triggeredAt") != null) {
                try {
                    at = Instant.parse(String.valueOf(d.getValue("triggeredAt")));
                } catch (DateTimeParseException e) {
                    throw bad("devices[" + i + "].triggeredAt must be an ISO-8601 UTC time");
                }
            }
            Object value = d.getValue("value");
            if (value != null && String.valueOf(value).length() > 500) throw bad("devices[" + i + "].value is longer than 500 characters");
            Object rt = d.getValue("roundTripMs");
            if (rt != null && !(rt instanceof Number n && n.longValue() >= 0)) {
                throw bad("devices[" + i + "].roundTripMs must be a number of milliseconds, 0 or more");
            }
            out.add(new CommissioningMerge.Reported(device, at, value == null ? null : String.valueOf(value),
                    rt == null ? null : ((Number) rt).longValue()));
        }
        return out;
    }

    private static List<String> strings(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v == null) return List.of();
        if (!(v instanceof JsonArray a) || a.size() > MAX_DEVICES) throw bad("'" + field + "' must be an array of device ids");
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s) || s.isEmpty()) throw bad("'" + field + "' must hold device ids (strings)");
            out.add(s);
        }
        return out;
    }

    private static HubException bad(String message) {
        return new HubException(HubError.BAD_REQUEST, message);
    }
}
