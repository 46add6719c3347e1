package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.Responder;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.NotificationRecord;
import io.onegrid.hub.store.NotificationStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/notifications} and {@code POST /api/notifications/{id}/ack}. A user is the responders the grid
 * file links to their user name; responders see only their own notifications, command centres (operators,
 * admins) every notification in their scope or, with {@code mine=true}, their own. Only the person notified
 * acknowledges.
 */
final class NotificationRoutes {
    private final Vertx vertx;
    private final HubStore store;

    NotificationRoutes(Vertx vertx, HubStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    void mount(Router r) {
        r.get("/api/notifications").handler(this::list);
        r.post("/api/notifications/:id/ack").handler(this::ack);
    }

    static Set<String> responderIds(Grid grid, String username) {
        return grid.responders().stream().filter(r -> username.equals(r.user())).map(Responder::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    private void list(RoutingContext ctx) {
        TokenSession s = CaseRoutes.caseReader(ctx);
        Grid grid = store.grid();
        String state = Requests.optionalParam(ctx, "state");
        if (state != null) {
            state = state.toUpperCase(Locale.ROOT);
            if (!state.equals(NotificationRecord.PENDING) && !state.equals(NotificationRecord.ACKED)) {
                throw new HubException(HubError.BAD_REQUEST, "'state' must be PENDING or ACKED");
            }
        }
        boolean mine = s.role() == Role.RESPONDER || "true".equals(Requests.optionalParam(ctx, "mine"));
        Set<String> responders = mine ? responderIds(grid, s.username()) : null;
        int limit = Requests.intParam(ctx, "limit", 100, 1, NotificationStore.MAX_LIMIT);
        String st = state;
        var scope = Access.scope(s, grid);
        vertx.executeBlocking(() -> store.notifications(scope, responders, st, limit), false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(n -> items.add(JsonViews.notification(n)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private void ack(RoutingContext ctx) {
        TokenSession s = CaseRoutes.caseReader(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HubException(HubError.BAD_REQUEST, "notification id must be a number");
        }
        Grid grid = store.grid();
        Set<String> responders = responderIds(grid, s.username());
        var scope = Access.scope(s, grid);
        vertx.executeBlocking(() -> store.acknowledge(id, s.username(), responders, scope), false)
                .onSuccess(n -> ctx.json(JsonViews.notification(n))).onFailure(ctx::fail);
    }
}
