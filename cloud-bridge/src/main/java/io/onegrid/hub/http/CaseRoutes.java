package io.onegrid.hub.http;

import io.onegrid.hub.cases.CaseAction;
import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.store.CaseCommand;
import io.onegrid.hub.store.CaseDetail;
import io.onegrid.hub.store.CaseQuery;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** {@code /api/cases}: the list, one case, and the loop's actions. */
final class CaseRoutes {
    private static final Set<String> ACTION_FIELDS = Set.of("version", "note", "assignee", "team", "passed", "reason",
            "outcome");

    private final Vertx vertx;
    private final HubStore store;

    CaseRoutes(Vertx vertx, HubStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    void mount(Router r) {
        r.get("/api/cases").handler(this::list);
        r.get("/api/cases/:id").handler(this::detail);
        r.post("/api/cases/:id/:action").handler(this::act);
    }

    static TokenSession caseReader(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        if (!s.role().seesCases()) throw new HubException(HubError.FORBIDDEN, "the installer role does not see cases");
        return s;
    }

    private void list(RoutingContext ctx) {
        TokenSession s = caseReader(ctx);
        CaseStage stage = null;
        String stageParam = Requests.optionalParam(ctx, "stage");
        if (stageParam != null) {
            try {
                stage = CaseStage.valueOf(stageParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(HubError.BAD_REQUEST, "'stage' must be one of " + Arrays.toString(CaseStage.values()));
            }
        }
        Grid grid = store.grid();
        Scope scope = Access.scope(s, grid);
        String node = Requests.optionalParam(ctx, "node");
        if (node != null) {
            // a node outside one's scope, or unknown, is an empty list: the caller learns nothing about it
            Scope n = grid.path(node).map(Scope::new).orElse(null);
            scope = n != null && scope.contains(n.pathPrefix()) ? n : new Scope("/\u0000nothing/");
        }
        String unplaced = Requests.optionalParam(ctx, "unplaced");
        CaseQuery q = new CaseQuery(scope, stage, Requests.optionalParam(ctx, "site"), Requests.optionalParam(ctx, "unit"),
                Requests.optionalParam(ctx, "type"), unplaced == null ? null : Boolean.parseBoolean(unplaced),
                Requests.intParam(ctx, "limit", 50, 1, CaseQuery.MAX_LIMIT),
                Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
        vertx.executeBlocking(() -> store.cases(q), false).onSuccess(p -> ctx.json(JsonViews.page(p, s.role())))
                .onFailure(ctx::fail);
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HubException(HubError.BAD_REQUEST, "case id must be a number");
        }
    }

    private void detail(RoutingContext ctx) {
        TokenSession s = caseReader(ctx);
        long id = id(ctx);
        vertx.executeBlocking(() -> {
            Grid grid = store.grid();
            CaseDetail d = store.caseDetail(id, Access.scope(s, grid))
                    .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no case " + id));
            return withResident(d, grid, s);
        }, false).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private JsonObject withResident(CaseDetail d, Grid grid, TokenSession s) {
        JsonObject o = JsonViews.detail(d, s.role());
        String rid = d.summary().residentId();
        if (rid != null) {
            grid.resident(rid).ifPresent(r -> o.put("resident", PersonalData.resident(r, grid, s, store,
                    "case " + d.summary().id())));
        }
        return o;
    }

    private void act(RoutingContext ctx) {
        TokenSession s = caseReader(ctx);
        long id = id(ctx);
        String name = ctx.pathParam("action");
        CaseAction action = CaseAction.fromWire(name).orElseThrow(() -> new HubException(HubError.NOT_FOUND,
                "unknown case action '" + name + "'; actions: " + Arrays.stream(CaseAction.values())
                        .map(CaseAction::wireName).toList()));
        JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : Requests.jsonBody(ctx);
        for (String k : body.fieldNames()) {
            if (!ACTION_FIELDS.contains(k)) {
                throw new HubException(HubError.BAD_REQUEST, "unknown field '" + k + "'; allowed: " + ACTION_FIELDS);
            }
        }
        Object v = body.getValue("version");
        if (v != null && !(v instanceof Integer)) throw new HubException(HubError.BAD_REQUEST, "'version' must be an integer");
        Object passed = body.getValue("passed");
        if (passed != null && !(passed instanceof Boolean)) {
            throw new HubException(HubError.BAD_REQUEST, "'passed' must be true or false");
        }
        CaseCommand cmd = new CaseCommand(id, action, s.username(), s.role(), Access.scope(s, store.grid()),
                (Integer) v, text(body, "note", 2000), text(body, "assignee", 64), text(body, "team", 200),
                (Boolean) passed, text(body, "reason", 2000), text(body, "outcome", 64));
        vertx.executeBlocking(() -> withResident(store.act(cmd), store.grid(), s), false)
                .onSuccess(ctx::json).onFailure(ctx::fail);
    }

    private static String text(JsonObject body, String field, int max) {
        Object v = body.getValue(field);
        if (v == null) return null;
        if (!(v instanceof String str)) throw new HubException(HubError.BAD_REQUEST, "'" + field + "' must be a string");
        if (str.length() > max) throw new HubException(HubError.BAD_REQUEST, "'" + field + "' is longer than " + max);
        return str.isBlank() ? null : str;
    }

}
