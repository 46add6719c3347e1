package io.onegrid.hub.http;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;

import io.onegrid.hub.commands.CommandService;
import io.onegrid.hub.ingest.IngestCounters;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.HubStore;
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

/** The REST API under /api (see src/main/resources/openapi.yaml), and the dashboard at / ({@link DashboardRoutes}). */
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
    private final CaseRoutes cases;
    private final RegistryRoutes registry;
    private final GridRoutes grid;
    private final UserRoutes users;
    private final KpiRoutes kpis;
    private final NotificationRoutes notifications;
    private final EventStream events;
    private final CommandRoutes commands;
    private final ReadingRoutes readings;
    private final WebhookRoutes webhooks;
    private final ClaimRoutes claims;
    private final ProvisionRoutes provision;
    private final CommissioningRoutes commissioning;

    public HttpApi(Vertx vertx, HubStore store, PasswordHasher hasher, Secrets secrets, AttemptLimiter loginLimiter,
                   AuthLimits loginLimits, Duration tokenTtl, Clock clock, IngestCounters counters, IntSupplier mqttSessions, int maxBodyBytes,
                   CommandService commandService, io.onegrid.hub.webhooks.WebhookService webhookService,
                   ProvisioningApi provisioning) {
        this.vertx = vertx;
        this.store = store;
        this.auth = new Auth(vertx, store, hasher, secrets, loginLimiter, loginLimits, tokenTtl, clock);
        this.hasher = hasher;
        this.secrets = secrets;
        this.counters = counters;
        this.mqttSessions = mqttSessions;
        this.maxBodyBytes = maxBodyBytes;
        this.openApi = loadOpenApi();
        this.cases = new CaseRoutes(vertx, store);
        this.registry = new RegistryRoutes(vertx, store, clock);
        this.grid = new GridRoutes(vertx, store);
        this.users = new UserRoutes(vertx, store, hasher);
        this.kpis = new KpiRoutes(vertx, store, clock);
        this.notifications = new NotificationRoutes(vertx, store);
        this.events = new EventStream(vertx, store, clock);
        this.commands = new CommandRoutes(vertx, store, commandService, clock);
        this.readings = new ReadingRoutes(vertx, store);
        this.webhooks = new WebhookRoutes(vertx, webhookService);
        this.claims = new ClaimRoutes(vertx, store, provisioning.codes(), clock);
        this.provision = new ProvisionRoutes(vertx, provisioning.provisioning(), provisioning.gatewayMqttUri(),
                provisioning.mqttTls(), provisioning.gatewayCaPem(), clock);
        this.commissioning = new CommissioningRoutes(vertx, store, clock);
    }

    public Router router() {
        Router r = Router.router(vertx);
        r.route().failureHandler(ErrorResponses::handle);
        // a grid file is larger than any other body; its own limit, checked before the general one
        r.put("/api/grid").handler(BodyHandler.create(false).setBodyLimit(io.onegrid.hub.grid.GridFile.MAX_BYTES));
        r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        r.get("/api/health").handler(this::health);
        r.get("/api/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
        r.post("/api/auth/login").handler(auth::login);
        provision.mount(r); // gateways provisioning with a claim code have no user token
        r.route("/api/*").handler(auth::requireToken);
        r.put("/api/me/password").handler(auth::changePassword);
        r.get("/api/health/details").handler(this::healthDetails);
        cases.mount(r);
        registry.mount(r);
        readings.mount(r);
        commands.mount(r);
        grid.mount(r);
        users.mount(r);
        kpis.mount(r);
        notifications.mount(r);
        events.mount(r);
        webhooks.mount(r);
        claims.mount(r);
        commissioning.mount(r);
        r.post("/api/gateways").handler(Auth::requireAdmin).handler(this::registerGateway);
        DashboardRoutes.mount(r);
        r.route().handler(ctx -> ctx.fail(new HubException(HubError.NOT_FOUND,
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path())));
        return r;
    }

    /** Liveness without login: one trivial query, nothing about the data. */
    private void health(RoutingContext ctx) {
        vertx.executeBlocking(store::ping, false).onComplete(ar -> {
            boolean ok = ar.succeeded() && ar.result();
            if (!ok) ctx.response().setStatusCode(503);
            ctx.json(new JsonObject().put("status", ok ? "ok" : "degraded").put("db", ok ? "ok" : "error"));
        });
    }

    /** For logged-in users: counters kept in memory, not counts over tables. */
    private void healthDetails(RoutingContext ctx) {
        vertx.executeBlocking(store::ping, false).onComplete(ar -> {
            boolean ok = ar.succeeded() && ar.result();
            if (!ok) ctx.response().setStatusCode(503);
            ctx.json(new JsonObject().put("status", ok ? "ok" : "degraded").put("db", ok ? "ok" : "error")
                    .put("schemaVersion", io.onegrid.hub.store.SchemaMigrations.latestVersion())
                    .put("mqttSessions", mqttSessions.getAsInt())
                    .put("liveStreamClients", events.clients()).put("liveStreamDropped", events.dropped())
                    .put("ingest", new JsonObject(new java.util.LinkedHashMap<String, Object>(counters.snapshot()))));
        });
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
