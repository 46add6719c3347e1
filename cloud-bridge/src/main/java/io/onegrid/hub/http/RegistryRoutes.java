package io.onegrid.hub.http;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/gateways} and {@code /api/devices}, scoped: a gateway outside one's part of the grid is a 404. */
final class RegistryRoutes {
    private final Vertx vertx;
    private final HubStore store;
    private final java.time.Clock clock;

    RegistryRoutes(Vertx vertx, HubStore store, java.time.Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    void mount(Router r) {
        r.get("/api/gateways").handler(this::gateways);
        r.get("/api/gateways/:id").handler(this::gateway);
        r.get("/api/devices").handler(this::devices);
    }

    private Scope scope(RoutingContext ctx) {
        return Access.scope(Access.session(ctx), store.grid());
    }

    private void gateways(RoutingContext ctx) {
        Scope scope = scope(ctx);
        vertx.executeBlocking(() -> {
            var running = store.walkTestsRunning();
            JsonArray items = new JsonArray();
            // operators must see at a glance which gateways' alarms open no case now
            store.gateways(scope).forEach(g -> items.add(JsonViews.gateway(g).put("walkTest", running.containsKey(g.id())
                    ? new JsonObject().put("active", true).put("endsAt", running.get(g.id()).toString()) : null)));
            return new JsonObject().put("items", items);
        }, false).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private void gateway(RoutingContext ctx) {
        Scope scope = scope(ctx);
        String id = ctx.pathParam("id");
        vertx.executeBlocking(() -> {
            var g = store.gateway(id, scope);
            if (g.isEmpty()) throw new HubException(HubError.NOT_FOUND, "no gateway " + id);
            // the walk test's state in short; its devices are at /api/gateways/{id}/walktest
            JsonObject walk = store.latestWalkTest(id).map(w -> new JsonObject().put("id", w.id())
                    .put("active", w.activeAt(clock.instant())).put("startedAt", w.startedAt().toString())
                    .put("endsAt", w.endsAt().toString()).put("devicesSeen", w.devices().size())).orElse(null);
            return JsonViews.gateway(g.get()).put("walkTest", walk);
        }, false).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private void devices(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Scope scope = Access.scope(s, store.grid());
        vertx.executeBlocking(() -> store.devices(scope), false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(d -> items.add(JsonViews.device(d)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }
}
