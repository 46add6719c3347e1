package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.claims.ClaimCodes;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridNode;
import io.onegrid.hub.grid.NodeKind;
import io.onegrid.hub.store.ClaimStore;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code /api/claims}: claim codes for a site, made by an installer whose part of the grid holds the site, or by an
 * admin. The code is in the creation's answer only; lists show everything else. A site outside one's scope is a 404.
 */
final class ClaimRoutes {
    static final Duration DEFAULT_TTL = Duration.ofHours(24);
    static final Duration MIN_TTL = Duration.ofMinutes(5);
    /** A code that lies in a drawer for weeks is a code someone else may find: a week at most. */
    static final Duration MAX_TTL = Duration.ofDays(7);
    private static final Set<String> FIELDS = Set.of("site", "ttl");

    private final Vertx vertx;
    private final HubStore store;
    private final ClaimCodes codes;
    private final Clock clock;

    ClaimRoutes(Vertx vertx, HubStore store, ClaimCodes codes, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.codes = codes;
        this.clock = clock;
    }

    void mount(Router r) {
        r.post("/api/claims").handler(this::create);
        r.get("/api/claims").handler(this::list);
        r.get("/api/claims/:id").handler(this::one);
        r.delete("/api/claims/:id").handler(this::revoke);
        r.delete("/api/gateways/:id/credential").handler(this::revokeCredential);
    }

    /**
     * Withdraws a gateway's password and certificate: a connected session is cut within seconds (CredentialWatch), its
     * next MQTT CONNECT is refused (0x87 for a certificate, 0x86 for a password), and a new claim code can provision it
     * again (a replaced or stolen board). 204, or 404 outside scope.
     */
    private void revokeCredential(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN, Role.INSTALLER);
        String id = ctx.pathParam("id");
        Scope scope = Access.scope(s, store.grid());
        vertx.executeBlocking(() -> {
            if (store.gateway(id, scope).isEmpty() || !store.revokeGatewayCredential(id, s.username())) {
                throw new HubException(HubError.NOT_FOUND, "no gateway " + id + " in your part of the grid");
            }
            return id;
        }, false).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN, Role.INSTALLER);
        JsonObject b = Requests.jsonBody(ctx);
        Requests.onlyFields(b, FIELDS);
        String site = Requests.requiredString(b, "site", 200);
        Duration ttl = Requests.duration(b, "ttl", DEFAULT_TTL, MIN_TTL, MAX_TTL);
        Grid grid = store.grid();
        GridNode node = grid.node(site).filter(n -> n.kind() == NodeKind.SITE).orElseThrow(() -> new HubException(
                HubError.BAD_REQUEST, "'site' must name a site (building) of the grid in force; " + site + " is none"));
        String path = grid.path(node.id()).orElseThrow();
        if (!Access.scope(s, grid).contains(path)) {
            throw new HubException(HubError.NOT_FOUND, "no site " + site + " in your part of the grid");
        }
        String code = codes.generate();
        Instant expires = clock.instant().plus(ttl);
        vertx.executeBlocking(() -> store.createClaim(ClaimCodes.hash(code), site, path, s.username(), expires), false)
                .onSuccess(c -> {
                    ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
                    ctx.json(view(c).put("code", code));
                }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN, Role.OPERATOR, Role.INSTALLER);
        Scope scope = Access.scope(s, store.grid());
        int limit = Requests.intParam(ctx, "limit", 100, 1, 1000);
        vertx.executeBlocking(() -> store.claims(scope, limit), false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(c -> items.add(view(c)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN, Role.OPERATOR, Role.INSTALLER);
        long id = id(ctx);
        Scope scope = Access.scope(s, store.grid());
        vertx.executeBlocking(() -> store.claim(id, scope), false).onSuccess(c -> {
            if (c.isEmpty()) ctx.fail(new HubException(HubError.NOT_FOUND, "no claim " + id));
            else ctx.json(view(c.get()));
        }).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN, Role.INSTALLER);
        long id = id(ctx);
        Scope scope = Access.scope(s, store.grid());
        vertx.executeBlocking(() -> {
            ClaimStore.Claim c = store.claim(id, scope).orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no claim " + id));
            if (!store.revokeClaim(id, s.username())) {
                String state = store.claim(id, Scope.ALL).map(x -> x.state(clock.instant())).orElse("gone");
                throw new HubException(HubError.CONFLICT, "claim " + id + " is " + state + ": only an open claim can be revoked",
                        java.util.Map.of("state", state));
            }
            return c;
        }, false).onSuccess(c -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HubException(HubError.NOT_FOUND, "no claim " + ctx.pathParam("id"));
        }
    }

    private JsonObject view(ClaimStore.Claim c) {
        return new JsonObject().put("id", c.id()).put("site", c.site()).put("state", c.state(clock.instant()))
                .put("createdBy", c.createdBy()).put("createdAt", JsonViews.time(c.createdAt()))
                .put("expiresAt", JsonViews.time(c.expiresAt())).put("usedAt", JsonViews.time(c.usedAt()))
                .put("gatewayId", c.gatewayId()).put("revokedAt", JsonViews.time(c.revokedAt()))
                .put("revokedBy", c.revokedBy());
    }
}
