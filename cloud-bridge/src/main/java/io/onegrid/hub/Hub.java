package io.onegrid.hub;

import io.onegrid.hub.commands.CommandService;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.claims.ClaimCodes;
import io.onegrid.hub.claims.Provisioning;
import io.onegrid.hub.http.HttpApi;
import io.onegrid.hub.http.ProvisioningApi;
import io.onegrid.hub.ingest.IngestBatcher;
import io.onegrid.hub.ingest.IngestCounters;
import io.onegrid.hub.ingest.RetentionPruner;
import io.onegrid.hub.mqtt.GatewayMqttServer;
import io.onegrid.hub.security.GatewayAuthenticator;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.CertificateLogin;
import io.onegrid.hub.security.GatewayCa;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.webhooks.SecretBox;
import io.onegrid.hub.webhooks.WebhookDispatcher;
import io.onegrid.hub.webhooks.WebhookService;
import io.onegrid.hub.cases.SlaPolicy;
import io.onegrid.hub.cases.SlaPolicyFile;
import io.onegrid.hub.grid.GridFile;
import java.nio.file.Files;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: store, group-commit writer, MQTT endpoint and HTTP API on one Vert.x instance.
 * {@link #start} returns when both listeners are bound; {@link #close} stops them and commits what is queued.
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private static final long TOKEN_CLEANUP_MS = 3_600_000;
    /** How often retention pruning starts; it then runs in small steps between ingest batches until done. */
    private static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);

    private final HubStore store;
    private final IngestBatcher batcher;
    private final IngestCounters counters;
    private final Vertx vertx;
    private final GatewayMqttServer mqtt;
    private final HttpServer http;
    private final WebhookDispatcher webhooks;
    private boolean closed;

    private Hub(HubStore store, IngestBatcher batcher, IngestCounters counters, Vertx vertx, GatewayMqttServer mqtt,
                HttpServer http, WebhookDispatcher webhooks) {
        this.webhooks = webhooks;
        this.store = store;
        this.batcher = batcher;
        this.counters = counters;
        this.vertx = vertx;
        this.mqtt = mqtt;
        this.http = http;
    }

    public static Hub start(HubConfig config, Clock clock, PrintStream out) {
        return start(config, clock, out, UnaryOperator.identity());
    }

    /** Starts with the store wrapped by {@code storeDecorator} (tests inject failures this way). */
    public static Hub start(HubConfig config, Clock clock, PrintStream out, UnaryOperator<HubStore> storeDecorator) {
        SecureRandom random = new SecureRandom();
        HubStore store = storeDecorator.apply(openStore(config, clock));
        Vertx vertx = null;
        IngestBatcher batcher = null;
        WebhookDispatcher webhooks = null;
        try {
            PasswordHasher hasher = new PasswordHasher(config.passwordIterations(), random);
            Secrets secrets = new Secrets(random);
            Bootstrap.ensureAdmin(store, hasher, secrets, config, out);
            Bootstrap.registerGateways(store, hasher, config);

            IngestCounters counters = new IngestCounters();
            RetentionPruner pruner = new RetentionPruner(store, config.retention(), clock, RetentionPruner.DEFAULT_BATCH);
            batcher = new IngestBatcher(store, config.ingestLinger(), config.ingestMaxBatch(), pruner::step,
                    RETENTION_INTERVAL);
            vertx = Vertx.vertx();
            CommandService commands = new CommandService(vertx, store, clock);
            // client certificates need TLS: without it the hub takes passwords only and makes no CA
            GatewayCa ca = config.mqttTls().isPresent()
                    ? GatewayCa.open(config.provisioning().ca(), config.dataDir(), random, clock) : null;
            GatewayMqttServer mqtt = new GatewayMqttServer(vertx, config,
                    new GatewayAuthenticator(store::gatewaySecretHash, hasher, random), batcher, counters,
                    new AttemptLimiter(config.mqttAuthLimits().lockout(), clock), commands, clock,
                    ca == null ? null : ca.certFile(), new CertificateLogin(store::gatewayCertificate), store::gatewayCredentials);
            int mqttPort = await(mqtt.start(), "MQTT listener on " + config.mqttHost() + ":" + config.mqttPort());

            SecretBox webhookKey = SecretBox.open(config.webhookKeyFile(), random);
            webhooks = new WebhookDispatcher(store, webhookKey, config.webhooks(), clock, new java.util.Random());
            HttpApi api = new HttpApi(vertx, store, hasher, secrets,
                    new AttemptLimiter(config.loginLimits().lockout(), clock), config.loginLimits(),
                    config.tokenTtl(), clock, counters, mqtt::sessionCount, config.maxHttpBodyBytes(), commands,
                    new WebhookService(store, webhookKey, secrets, webhooks::wake), provisioning(config, store, hasher,
                    random, clock, mqttPort, ca));
            // No HTTP/2 upgrade on plain HTTP (h2c): browsers never use it, and the JDK's HttpClient, which
            // tries it by default, could hang on it for good, past its own request timeout.
            HttpServerOptions httpOptions = new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort())
                    .setHttp2ClearTextEnabled(false)
                    // the dashboard's script is ~590 kB, ~200 kB gzipped: worth it on a street office's link
                    .setCompressionSupported(true);
            config.httpTls().ifPresent(tls -> {
                httpOptions.setSsl(true);
                httpOptions.setKeyCertOptions(tls.isPem()
                        ? new PemKeyCertOptions().setCertPath(tls.certPem().toString()).setKeyPath(tls.keyPem().toString())
                        : new PfxOptions().setPath(tls.pkcs12().toString()).setPassword(tls.pkcs12Password()));
            });
            HttpServer http = await(vertx.createHttpServer(httpOptions).requestHandler(api.router()).listen(),
                    "HTTP listener on " + config.httpHost() + ":" + config.httpPort());

            out.println("Store: " + describeStore(config));
            out.println("MQTT listening on " + config.mqttHost() + ":" + mqttPort + (config.mqttTls().isPresent() ? " (TLS)" : ""));
            out.println("HTTP listening on " + (config.httpTls().isPresent() ? "https" : "http") + "://"
                    + config.httpHost() + ":" + http.actualPort());
            out.flush();

            Vertx v = vertx;
            vertx.setPeriodic(TOKEN_CLEANUP_MS, id -> v.executeBlocking(() -> store.deleteExpiredTokens(clock.instant()), false));
            HubConfig.CaseSettings cs = config.cases();
            // one sweep at a time: a slow database must not pile sweeps up
            java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();
            vertx.setPeriodic(cs.sweepInterval().toMillis(), id -> {
                if (!sweeping.compareAndSet(false, true)) return;
                v.executeBlocking(() -> {
                    store.expireCommands(clock.instant());
                    store.sweepSla(clock.instant());
                    return store.sweepHealth(cs.gatewayMissingAfter(), cs.deviceFaultAfter());
                }, false).onComplete(ar -> {
                    sweeping.set(false);
                    if (ar.failed()) LOG.warn("SLA and health sweep failed, retrying in {}: {}", cs.sweepInterval(),
                            ar.cause().getMessage());
                });
            });
            return new Hub(store, batcher, counters, vertx, mqtt, http, webhooks);
        } catch (RuntimeException e) {
            if (webhooks != null) webhooks.close();
            if (vertx != null) closeQuietly(vertx);
            if (batcher != null) batcher.close();
            store.close();
            throw e;
        }
    }

    private static ProvisioningApi provisioning(HubConfig config, HubStore store, PasswordHasher hasher, SecureRandom random,
                                                Clock clock, int mqttPort, GatewayCa ca) {
        HubConfig.ProvisioningSettings p = config.provisioning();
        boolean tls = config.mqttTls().isPresent();
        if (config.httpTls().isEmpty() && !isLoopback(config.httpHost())) {
            LOG.warn("the HTTP API on {} is not TLS: gateways provisioning with claim codes send their new secrets in clear "
                    + "text; give --http-tls-cert and --http-tls-key (docs/tls.md)", config.httpHost());
        }
        Provisioning provisioning = new Provisioning(store, store, hasher, random,
                new AttemptLimiter(p.limits().lockout(), clock), p.limits(), p.maxClockSkew(), clock,
                ca == null ? null : ca::issue);
        java.util.function.Function<String, String> uri = p.gatewayMqttUri().isPresent()
                ? host -> p.gatewayMqttUri().get()
                : host -> gatewayMqttUri(tls, config.mqttHost(), host, mqttPort);
        return new ProvisioningApi(provisioning, new ClaimCodes(random), uri, tls, ca == null ? null : ca.caPem());
    }

    /**
     * The MQTT URI gateways are told when none is configured: the MQTT listener's address, or, when it listens on
     * every interface, the host name the gateway reached the HTTP API at (the hub's name as the gateway knows it).
     */
    static String gatewayMqttUri(boolean tls, String mqttHost, String requestHost, int mqttPort) {
        boolean wildcard = mqttHost.equals("0.0.0.0") || mqttHost.equals("::") || mqttHost.equals("[::]");
        String host = wildcard && requestHost != null && !requestHost.isBlank() ? requestHost : mqttHost;
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return (tls ? "ssl" : "tcp") + "://" + host + ":" + mqttPort;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    /** Which database the hub runs on, for its banner: never a password, not even one written into the URL. */
    static String describeStore(HubConfig config) {
        return config.database().url()
                .map(u -> "PostgreSQL " + (u.indexOf('?') < 0 ? u : u.substring(0, u.indexOf('?')) + "?…")
                        + " as " + config.database().user())
                .orElse("SQLite " + config.databaseFile());
    }

    /** The store the configuration names (PostgreSQL, else the SQLite file), with the grid file imported if given. */
    public static JdbcHubStore openStore(HubConfig config, Clock clock) {
        SlaPolicy policy = SlaPolicyFile.load(config.cases().slaPolicyFile(), config.correlationWindow());
        JdbcHubStore.Options o = new JdbcHubStore.Options(policy, config.clockSkewTolerance(),
                config.cases().gatewayMissingAfter());
        HubConfig.DatabaseSettings db = config.database();
        JdbcHubStore store = db.url().isPresent()
                ? JdbcHubStore.openPostgres(db.url().get(), db.user(), db.password().orElse(null), clock, o)
                : JdbcHubStore.openSqlite(config.databaseFile(), clock, o);
        try {
            if (config.cases().gridFile().isPresent()) {
                java.nio.file.Path f = config.cases().gridFile().get();
                String text = Files.readString(f);
                store.replaceGrid(GridFile.parse(text, f.toString()), text, "hub --grid");
            }
            return store;
        } catch (java.io.IOException e) {
            store.close();
            throw new IllegalStateException("cannot read the grid file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static <T> T await(Future<T> f, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot start " + what + ": timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting " + what, e);
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping Vert.x: {}", e.toString());
        }
    }

    public int mqttPort() {
        return mqtt.port();
    }

    public int httpPort() {
        return http.actualPort();
    }

    public HubStore store() {
        return store;
    }

    public IngestCounters counters() {
        return counters;
    }

    /** Stops listeners (gateways are told the server is shutting down), commits queued messages, closes the store. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            mqtt.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping listeners: {}", e.toString());
        }
        webhooks.close();
        batcher.close();
        closeQuietly(vertx);
        store.close();
    }
}
