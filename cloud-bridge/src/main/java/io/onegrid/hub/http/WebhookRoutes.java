package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.Subscription;
import io.onegrid.hub.webhooks.WebhookRequest;
import io.onegrid.hub.webhooks.WebhookService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/webhooks}: subscriptions of outside systems to case events (docs/webhooks.md), admins only. The
 * signing secret appears in the answer to the POST that made it and nowhere else.
 */
final class WebhookRoutes {
    private final Vertx vertx;
    private final WebhookService webhooks;

    WebhookRoutes(Vertx vertx, WebhookService webhooks) {
        this.vertx = vertx;
        this.webhooks = webhooks;
    }

    void mount(Router r) {
        r.post("/api/webhooks").handler(this::create);
        r.get("/api/webhooks").handler(this::list);
        r.patch("/api/webhooks/:id").handler(this::patch);
        r.delete("/api/webhooks/:id").handler(this::delete);
        r.get("/api/webhooks/:id/deliveries").handler(this::deliveries);
    }

    private static TokenSession admin(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN);
        return s;
    }

    private void create(RoutingContext ctx) {
        TokenSession s = admin(ctx);
        WebhookRequest request = webhooks.parse(Requests.jsonBody(ctx));
        vertx.executeBlocking(() -> webhooks.create(request, s.username()), false).onSuccess(c -> {
            Subscription w = c.subscription();
            ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
            ctx.json(new JsonObject().put("id", w.id()).put("url", w.url()).put("node", w.node())
                    .put("caseTypes", new JsonArray(new java.util.ArrayList<>(w.caseTypes()))).put("enabled", w.enabled())
                    .put("createdAt", w.createdAt().toString()).put("secret", c.secret()));
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        admin(ctx);
        vertx.executeBlocking(webhooks::list, false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(w -> items.add(view(w)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private void patch(RoutingContext ctx) {
        TokenSession s = admin(ctx);
        long id = id(ctx);
        boolean enabled = WebhookService.parseEnabled(Requests.jsonBody(ctx));
        vertx.executeBlocking(() -> webhooks.setEnabled(id, enabled, s.username()), false)
                .onSuccess(w -> ctx.json(view(w))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        TokenSession s = admin(ctx);
        long id = id(ctx);
        vertx.executeBlocking(() -> {
            webhooks.delete(id, s.username());
            return null;
        }, false).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void deliveries(RoutingContext ctx) {
        admin(ctx);
        long id = id(ctx);
        int limit = Requests.intParam(ctx, "limit", 50, 1, 500);
        vertx.executeBlocking(() -> webhooks.deliveries(id, limit), false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(d -> items.add(view(d)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HubException(HubError.BAD_REQUEST, "webhook id must be a number");
        }
    }

    /** A subscription as listed: never its secret. */
    private static JsonObject view(Subscription w) {
        JsonObject last = w.lastAttemptAt() == null ? null : new JsonObject().put("at", w.lastAttemptAt().toString())
                .put("state", w.lastState() == null ? null : w.lastState().wireName()).put("httpStatus", w.lastHttpStatus());
        return new JsonObject().put("id", w.id()).put("url", w.url()).put("node", w.node())
                .put("caseTypes", new JsonArray(new java.util.ArrayList<>(w.caseTypes()))).put("enabled", w.enabled())
                .put("createdAt", w.createdAt().toString()).put("lastDelivery", last);
    }

    private static JsonObject view(Delivery d) {
        return new JsonObject().put("id", d.id()).put("eventId", d.eventId()).put("caseId", d.caseId())
                .put("change", d.change()).put("attempts", d.attempts()).put("state", d.state().wireName())
                .put("httpStatus", d.httpStatus()).put("error", d.error()).put("createdAt", JsonViews.time(d.createdAt()))
                .put("lastAttemptAt", JsonViews.time(d.lastAttemptAt()))
                .put("nextAttemptAt", JsonViews.time(d.nextAttemptAt()));
    }
}
