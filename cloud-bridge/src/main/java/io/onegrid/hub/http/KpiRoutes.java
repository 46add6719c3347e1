package io.onegrid.hub.http;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/kpis?node=&from=&to=}: a node's subtree (default: one's scope), default the last 30 days. */
final class KpiRoutes {
    private final Vertx vertx;
    private final HubStore store;
    private final Clock clock;

    KpiRoutes(Vertx vertx, HubStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    void mount(Router r) {
        r.get("/api/kpis").handler(this::kpis);
    }

    private void kpis(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Grid grid = store.grid();
        Scope scope = Access.scope(s, grid);
        String node = Requests.optionalParam(ctx, "node");
        if (node != null) {
            Scope n = grid.path(node).map(Scope::new).orElse(null);
            if (n == null || !scope.contains(n.pathPrefix())) throw new HubException(HubError.NOT_FOUND, "no node " + node);
            scope = n;
        }
        Instant now = clock.instant();
        Instant to = time(ctx, "to", now);
        Instant from = time(ctx, "from", to.minus(Duration.ofDays(30)));
        if (!from.isBefore(to)) throw new HubException(HubError.BAD_REQUEST, "'from' must be before 'to'");
        Scope q = scope;
        String label = node != null ? node : s.scopeNode() != null ? s.scopeNode() : grid.district().id();
        vertx.executeBlocking(() -> store.kpis(q, from, to, now), false)
                .onSuccess(k -> ctx.json(JsonViews.kpis(k).put("node", label))).onFailure(ctx::fail);
    }

    private static Instant time(RoutingContext ctx, String name, Instant dflt) {
        String v = Requests.optionalParam(ctx, name);
        if (v == null) return dflt;
        try {
            return Instant.parse(v);
        } catch (RuntimeException e) {
            throw new HubException(HubError.BAD_REQUEST, "'" + name + "' must be an ISO-8601 time such as 2026-12-01T00:00:00Z");
        }
    }
}
