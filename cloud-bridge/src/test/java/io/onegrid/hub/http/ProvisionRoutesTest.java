package io.onegrid.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.claims.ClaimCodes;
import io.onegrid.hub.claims.Provisioning;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.config.GatewayCaSettings;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.CsrCheck;
import io.onegrid.hub.security.GatewayCa;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.TestCertificates;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.TestStores;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/provision} over real HTTP: where the CSR is checked, and that a bad one spends nothing. */
class ProvisionRoutesTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<Boolean> checkedOnEventLoop = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private JdbcHubStore store;
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        store = TestStores.sqlite(dir.resolve("hub.db"), clock);
        Grid grid = GridFile.demo();
        store.replaceGrid(grid, GridFile.export(grid), "test");
        SecureRandom random = new SecureRandom();
        GatewayCa ca = GatewayCa.open(new GatewayCaSettings(Optional.empty(), Optional.empty(), Duration.ofDays(730)), dir,
                random, clock);
        Provisioning provisioning = new Provisioning(store, store, new PasswordHasher(1000, random), random,
                new AttemptLimiter(Duration.ofMinutes(10), clock), new AuthLimits(5, 10, Duration.ofMinutes(10)),
                Duration.ofMinutes(5), clock, ca::issue);
        vertx = Vertx.vertx();
        ProvisionRoutes routes = new ProvisionRoutes(vertx, provisioning, host -> "ssl://127.0.0.1:8883", true, ca.caPem(),
                clock, pem -> {
                    checkedOnEventLoop.add(Context.isOnEventLoopThread());
                    return CsrCheck.check(pem);
                });
        Router r = Router.router(vertx);
        r.route().failureHandler(ErrorResponses::handle);
        r.route("/api/*").handler(BodyHandler.create(false));
        routes.mount(r);
        server = vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        store.close();
    }

    private HttpResponse<String> provision(String code, String csr) throws Exception {
        String body = new JsonObject().put("code", code).put("gatewayId", "gw-csr-1").put("csr", csr)
                .put("clock", clock.instant().toString()).encode();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/provision"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GIVEN an open claim code WHEN a request with a CSR whose signature does not verify comes, then a good one THEN
     * both CSRs are checked on a worker thread, never the event loop; the bad one is 400 csr_invalid and spends nothing,
     * so the good one gets its certificate with the same code.
     */
    @Test
    void csrIsCheckedOffTheEventLoopAndABadOneSpendsNothing() throws Exception {
        String code = new ClaimCodes(new SecureRandom()).generate();
        store.createClaim(ClaimCodes.hash(code), "bldg-7", GridFile.demo().path("bldg-7").orElseThrow(), "inst",
                clock.instant().plus(Duration.ofHours(1)));
        String good = TestCertificates.csr("ignored", TestCertificates.ec("secp256r1"));
        String forged = TestCertificates.csr("ignored", TestCertificates.ec("secp256r1"),
                TestCertificates.ec("secp256r1").getPrivate());

        HttpResponse<String> bad = provision(code, forged);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("csr_invalid");

        HttpResponse<String> ok = provision(code, good);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(new JsonObject(ok.body()).getString("credential")).isEqualTo("certificate");
        assertThat(checkedOnEventLoop).containsExactly(false, false);
    }
}
