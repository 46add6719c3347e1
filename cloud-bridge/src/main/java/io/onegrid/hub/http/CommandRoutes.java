package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.commands.CommandService;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.CommandRecord;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.protocol.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * {@code /api/gateways/{id}/commands}: send a command to a gateway and wait for its reply, or list its recent
 * commands. Admins and operators whose scope holds the gateway only (a gateway out of scope is a 404 like any other,
 * a responder or installer gets 403): a command acts on a building.
 */
final class CommandRoutes {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** A write delivered an hour late is more likely harm than help: send it again instead. */
    static final Duration MAX_TTL = Duration.ofHours(1);
    static final Duration MIN = Duration.ofSeconds(1);
    /** Arguments as JSON, at most: a command is a few fields, and it must fit the gateway's limits. */
    static final int MAX_ARGS_CHARS = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("command", "args", "timeout", "ttl");

    private final Vertx vertx;
    private final HubStore store;
    private final CommandService commands;
    private final Clock clock;

    CommandRoutes(Vertx vertx, HubStore store, CommandService commands, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.commands = commands;
        this.clock = clock;
    }

    void mount(Router r) {
        r.post("/api/gateways/:id/commands").handler(this::send);
        r.get("/api/gateways/:id/commands").handler(this::list);
    }

    /** The gateway if the caller sees it (else 404) and may command it (else 403). */
    private Future<TokenSession> allowed(RoutingContext ctx, String gatewayId) {
        TokenSession s = Access.session(ctx);
        Scope scope = Access.scope(s, store.grid());
        return vertx.executeBlocking(() -> store.gateway(gatewayId, scope), false).map(g -> {
            if (g.isEmpty()) throw new HubException(HubError.NOT_FOUND, "no gateway " + gatewayId);
            Access.require(s, Role.ADMIN, Role.OPERATOR);
            return s;
        });
    }

    private void send(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("id");
        Context http = vertx.getOrCreateContext();
        allowed(ctx, gatewayId).compose(s -> commands.send(request(ctx, gatewayId, s.username())))
                .onComplete(ar -> http.runOnContext(v -> {
                    if (ar.succeeded()) ctx.json(view(ar.result()));
                    else ctx.fail(ar.cause());
                }));
    }

    private void list(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("id");
        int limit = Requests.intParam(ctx, "limit", 50, 1, 200);
        allowed(ctx, gatewayId).compose(s -> vertx.executeBlocking(() -> store.commands(gatewayId, limit), false))
                .onSuccess(list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(c -> items.add(view(c)));
                    ctx.json(new JsonObject().put("items", items));
                }).onFailure(ctx::fail);
    }

    private CommandService.Request request(RoutingContext ctx, String gatewayId, String user) {
        JsonObject b = Requests.jsonBody(ctx);
        for (String f : b.fieldNames()) {
            if (!FIELDS.contains(f)) throw bad("unknown field '" + f + "'; allowed: command, args, timeout, ttl");
        }
        String command = Requests.requiredString(b, "command", 32);
        if (!Topics.isValidCommand(command)) throw bad("'command' must match " + Topics.COMMAND_PATTERN);
        Object args = b.getValue("args");
        if (args != null && !(args instanceof JsonObject)) throw bad("'args' must be a JSON object");
        String argsJson = args == null ? "{}" : ((JsonObject) args).encode();
        if (argsJson.length() > MAX_ARGS_CHARS) throw bad("'args' is longer than " + MAX_ARGS_CHARS + " characters as JSON");
        Duration timeout = duration(b, "timeout", DEFAULT_TIMEOUT, MAX_TIMEOUT);
        Duration ttl = duration(b, "ttl", DEFAULT_TTL, MAX_TTL);
        return new CommandService.Request(gatewayId, command, argsJson, user, ttl, timeout);
    }

    private static Duration duration(JsonObject b, String field, Duration dflt, Duration max) {
        return Requests.duration(b, field, dflt, MIN, max);
    }

    private JsonObject view(CommandRecord c) {
        Object reply = null;
        if (c.replyJson() != null) {
            try {
                reply = new JsonObject(c.replyJson());
            } catch (DecodeException e) {
                reply = c.replyJson(); // stored as the gateway sent it; shown as text if it is not an object
            }
        }
        return new JsonObject().put("id", c.id()).put("gateway", c.gatewayId()).put("command", c.command())
                .put("args", new JsonObject(c.argsJson())).put("state", c.stateAt(clock.instant()).wireName())
                .put("sentBy", c.sentBy()).put("createdAt", c.createdAt().toString())
                .put("expiresAt", c.expiresAt().toString()).put("deliveredAt", time(c.deliveredAt()))
                .put("repliedAt", time(c.repliedAt())).put("errorCode", c.errorCode()).put("reply", reply);
    }

    private static String time(java.time.Instant i) {
        return i == null ? null : i.toString();
    }

    private static HubException bad(String message) {
        return new HubException(HubError.BAD_REQUEST, message);
    }
}
