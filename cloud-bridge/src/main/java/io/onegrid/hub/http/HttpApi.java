package io.onegrid.hub.http;

import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.ingest.IngestCounters;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.CaseQuery;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.StoreStats;
import io.onegrid.protocol.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;

/** The REST API under /api (see src/main/resources/openapi.yaml). */
public final class HttpApi {
    private static final int GATEWAY_PASSWORD_LENGTH = 32;

    private final Vertx vertx;
    private final HubStore store;
    private final Auth auth;
    private final PasswordHasher hasher;
    private final Secrets secrets;
    private final IngestCounters counters;
    private final IntSupplier mqttSessions;
    private final int maxBodyBytes;
    private final Buffer openApi;

    public HttpApi(Vertx vertx, HubStore store, PasswordHasher hasher, Secrets secrets, AttemptLimiter loginLimiter,
                   AuthLimits loginLimits, Duration tokenTtl, Clock clock, IngestCounters counters, IntSupplier mqttSessions, int maxBodyBytes) {
        this.vertx = vertx;
        this.store = store;
        this.auth = new Auth(vertx, store, hasher, secrets, loginLimiter, loginLimits, tokenTtl, clock);
        this.hasher = hasher;
        this.secrets = secrets;
        this.counters = counters;
        this.mqttSessions = mqttSessions;
        this.maxBodyBytes = maxBodyBytes;
        this.openApi = loadOpenApi();
    }

    public Router router() {
        Router r = Router.router(vertx);
        r.route().failureHandler(ErrorResponses::handle);
        r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        r.get("/api/health").handler(this::health);
        r.get("/api/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
        r.post("/api/auth/login").handler(auth::login);
        r.route("/api/*").handler(auth::requireToken);
        r.get("/api/cases").handler(this::cases);
        r.get("/api/cases/:id").handler(this::caseDetail);
        r.get("/api/gateways").handler(this::gateways);
        r.post("/api/gateways").handler(Auth::requireAdmin).handler(this::registerGateway);
        r.route().handler(ctx -> ctx.fail(new HubException(HubError.NOT_FOUND,
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path())));
        return r;
    }

    private void health(RoutingContext ctx) {
        vertx.executeBlocking(store::stats, false).onComplete(ar -> {
            JsonObject body = new JsonObject();
            if (ar.succeeded()) {
                StoreStats s = ar.result();
                body.put("status", "ok").put("db", "ok").put("schemaVersion", s.schemaVersion())
                        .put("gateways", s.gateways()).put("gatewaysOnline", s.gatewaysOnline())
                        .put("openCases", s.openCases());
            } else {
                body.put("status", "degraded").put("db", "error");
                ctx.response().setStatusCode(503);
            }
            body.put("mqttSessions", mqttSessions.getAsInt()).put("ingest", new JsonObject(
                    new java.util.LinkedHashMap<String, Object>(counters.snapshot())));
            ctx.json(body);
        });
    }

    private void cases(RoutingContext ctx) {
        CaseStage stage = null;
        String stageParam = Requests.optionalParam(ctx, "stage");
        if (stageParam != null) {
            try {
                stage = CaseStage.valueOf(stageParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(HubError.BAD_REQUEST, "'stage' must be one of " + java.util.Arrays.toString(CaseStage.values()));
            }
        }
        CaseQuery q = new CaseQuery(stage, Requests.optionalParam(ctx, "site"), Requests.optionalParam(ctx, "unit"),
                Requests.optionalParam(ctx, "type"), Requests.intParam(ctx, "limit", 50, 1, CaseQuery.MAX_LIMIT),
                Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
        vertx.executeBlocking(() -> store.cases(q), false).onSuccess(p -> ctx.json(JsonViews.page(p))).onFailure(ctx::fail);
    }

    private void caseDetail(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HubException(HubError.BAD_REQUEST, "case id must be a number");
        }
        vertx.executeBlocking(() -> store.caseDetail(id), false).onSuccess(d -> {
            if (d.isEmpty()) ctx.fail(new HubException(HubError.NOT_FOUND, "no case " + id));
            else ctx.json(JsonViews.detail(d.get()));
        }).onFailure(ctx::fail);
    }

    private void gateways(RoutingContext ctx) {
        vertx.executeBlocking(store::gateways, false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(g -> items.add(JsonViews.gateway(g)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private void registerGateway(RoutingContext ctx) {
        String id = Requests.requiredString(Requests.jsonBody(ctx), "id", 64);
        if (!Topics.isValidGatewayId(id)) {
            throw new HubException(HubError.BAD_REQUEST, "'id' must match " + Topics.GATEWAY_ID_PATTERN);
        }
        String password = secrets.password(GATEWAY_PASSWORD_LENGTH);
        vertx.executeBlocking(() -> store.createGateway(id, hasher.hash(password)), false).onSuccess(created -> {
            if (!created) {
                ctx.fail(new HubException(HubError.CONFLICT, "gateway " + id + " is already registered"));
                return;
            }
            ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
            ctx.json(new JsonObject().put("id", id).put("mqttUsername", id).put("mqttClientId", id)
                    .put("mqttPassword", password));
        }).onFailure(ctx::fail);
    }

    private static Buffer loadOpenApi() {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml missing from the classpath");
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
