package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridException;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.grid.GridNode;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code /api/grid}: admins export (GET, the grid file as YAML; a read of residents' data, so audited) and
 * replace it (PUT, YAML or JSON, validated first: a bad file changes nothing). {@code /api/grid/nodes} gives
 * every user the tree of their part of the grid, without personal data.
 */
final class GridRoutes {
    private final Vertx vertx;
    private final HubStore store;

    GridRoutes(Vertx vertx, HubStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    void mount(Router r) {
        r.get("/api/grid").handler(this::export);
        r.put("/api/grid").handler(this::replace);
        r.get("/api/grid/nodes").handler(this::nodes);
    }

    private void export(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN);
        vertx.executeBlocking(() -> {
            store.audit(s.username(), "export grid", "grid", "residents' personal data included");
            return GridFile.export(store.grid());
        }, false).onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(yaml)).onFailure(ctx::fail);
    }

    private void replace(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN);
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw new HubException(HubError.BAD_REQUEST, "send the grid file (YAML or JSON) as the request body");
        }
        String text = ctx.body().asString(StandardCharsets.UTF_8.name());
        Grid grid;
        try {
            grid = GridFile.parse(text, "request body");
        } catch (GridException e) {
            throw new HubException(HubError.INVALID_GRID, "the grid file has problems; nothing was changed",
                    Map.of("problems", e.problems()));
        }
        vertx.executeBlocking(() -> {
            store.replaceGrid(grid, GridFile.export(grid), s.username());
            return grid;
        }, false).onSuccess(g -> ctx.json(new JsonObject().put("district", g.district().id())
                .put("nodes", g.nodes().size()).put("residents", g.residents().size())
                .put("responders", g.responders().size()))).onFailure(ctx::fail);
    }

    private void nodes(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Grid grid = store.grid();
        Scope scope = Access.scope(s, grid);
        JsonArray items = new JsonArray();
        for (GridNode n : grid.nodes()) {
            String path = grid.path(n.id()).orElseThrow();
            // the ancestors of one's scope are shown too, so the tree has its root; their siblings are not
            if (!scope.contains(path) && !scope.pathPrefix().startsWith(path)) continue;
            items.add(new JsonObject().put("id", n.id()).put("kind", n.kind().wireName()).put("name", n.name())
                    .put("parent", n.parentId()).put("path", path).put("address", n.address()));
        }
        ctx.json(new JsonObject().put("district", grid.district().id()).put("items", items));
    }
}
