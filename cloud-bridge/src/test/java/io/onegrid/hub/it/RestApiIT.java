package io.onegrid.hub.it;

import static io.onegrid.hub.it.HubFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.Envelopes;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTP: authentication, roles, errors, case and gateway resources. */
class RestApiIT {
    @TempDir
    Path dir;
    HubFixture hub;

    @BeforeEach
    void start() {
        hub = HubFixture.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    /** Verifies that health needs no login and reports the database. */
    @Test
    void healthWithoutLogin() throws Exception {
        HttpResponse<String> r = hub.get("/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getString("status")).isEqualTo("ok");
        assertThat(json(r).getString("db")).isEqualTo("ok");
        // liveness only: nothing about the data without a login
        assertThat(json(r).fieldNames()).containsExactlyInAnyOrder("status", "db");
        HttpResponse<String> details = hub.get("/api/health/details", hub.adminToken());
        assertThat(json(details).getInteger("schemaVersion")).isEqualTo(io.onegrid.hub.store.SchemaMigrations.latestVersion());
        assertThat(hub.get("/api/health/details", null).statusCode()).isEqualTo(401);
    }

    /**
     * Verifies the OpenAPI document is served, over HTTP/1.1 although the JDK client asks to upgrade to h2c:
     * that upgrade once hung this very request past its timeout, so the hub declines it.
     */
    @Test
    void openApiServed() throws Exception {
        HttpResponse<String> r = hub.get("/api/openapi.yaml", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).startsWith("openapi: 3").contains("/api/cases/{id}").contains("/api/auth/login");
    }

    /** Verifies 401 without a token, with a bad token, and 200 with the admin's token from the configured password. */
    @Test
    void bearerTokenRequired() throws Exception {
        HttpResponse<String> none = hub.get("/api/cases", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).getString("error")).isEqualTo("unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(hub.get("/api/cases", "not-a-token").statusCode()).isEqualTo(401);
        String token = hub.adminToken();
        HttpResponse<String> ok = hub.get("/api/cases", token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).getLong("total")).isZero();
    }

    /** Verifies that a wrong password is 401 and repeated failures for one user become 429, saying when to retry. */
    @Test
    void loginFailuresRateLimited() throws Exception {
        String bad = new JsonObject().put("username", "admin").put("password", "wrong").encode();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = hub.post("/api/auth/login", bad, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).getString("message")).isEqualTo("invalid user name or password");
        }
        HttpResponse<String> limited = hub.post("/api/auth/login", bad, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).getString("error")).isEqualTo("rate_limited");
        assertThat(json(limited).getLong("retryAfterS")).as("says when to retry").isPositive();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> unknown = hub.post("/api/auth/login",
                new JsonObject().put("username", "nobody").put("password", "x").encode(), null);
        assertThat(unknown.statusCode()).isEqualTo(401);
    }

    /** Verifies that a burst of concurrent wrong logins gets no more password checks (401s) than the limit. */
    @Test
    void concurrentLoginGuessesLimited() throws Exception {
        // GIVEN the default limit of 5 failures per user and address
        String bad = new JsonObject().put("username", "admin").put("password", "wrong").encode();
        // WHEN 15 guesses are sent at once
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) all.add(hub.postAsync("/api/auth/login", bad));
        List<Integer> codes = new java.util.ArrayList<>();
        for (var f : all) codes.add(f.get().statusCode());
        // THEN at most 5 were checked, the rest refused before the check
        assertThat(codes).containsOnly(401, 429);
        assertThat(codes.stream().filter(c -> c == 401).count()).isLessThanOrEqualTo(5);
    }

    /** Verifies that an expired token is refused. */
    @Test
    void expiredTokenRefused() throws Exception {
        hub.close();
        hub = HubFixture.start(HubFixture.config(dir).withTokenTtl(Duration.ofMillis(1)), s -> s);
        String token = hub.adminToken();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> hub.get("/api/cases", token).statusCode() == 401);
    }

    /** Verifies malformed JSON, missing fields, an oversized body and unknown paths give the error shape. */
    @Test
    void badRequests() throws Exception {
        HttpResponse<String> malformed = hub.post("/api/auth/login", "{\"username\":", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).getString("error")).isEqualTo("malformed_json");
        HttpResponse<String> missing = hub.post("/api/auth/login", "{\"username\":\"admin\"}", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).getString("message")).contains("'password'");
        HttpResponse<String> huge = hub.post("/api/auth/login", "{\"username\":\"" + "x".repeat(70_000) + "\"}", null);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).getString("error")).isEqualTo("payload_too_large");
        String token = hub.adminToken();
        assertThat(hub.get("/api/nothing", token).statusCode()).isEqualTo(404);
        assertThat(json(hub.get("/api/cases/abc", token)).getString("error")).isEqualTo("bad_request");
        assertThat(hub.get("/api/cases/999", token).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/cases?stage=SOMETIME", token).statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/cases?limit=0", token).statusCode()).isEqualTo(400);
    }

    /**
     * Verifies gateway registration: admin gets a one-time password that works for MQTT, a second
     * registration is 409, and an operator (not admin) gets 403.
     */
    @Test
    void registerGatewayAndConnect() throws Exception {
        String admin = hub.adminToken();
        HttpResponse<String> created = hub.post("/api/gateways", "{\"id\":\"gw-new-7\"}", admin);
        assertThat(created.statusCode()).isEqualTo(201);
        String password = json(created).getString("mqttPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(hub.post("/api/gateways", "{\"id\":\"gw-new-7\"}", admin).statusCode()).isEqualTo(409);
        assertThat(hub.post("/api/gateways", "{\"id\":\"bad/id\"}", admin).statusCode()).isEqualTo(400);

        MqttAsyncClient c = hub.connect("gw-new-7", password);
        assertThat(hub.publish(c, Envelopes.birth("gw-new-7", "b1"))).isZero();
        c.disconnect().waitForCompletion(2000);
        c.close(true);

        hub.hub.store().createUser(new io.onegrid.hub.store.UserRecord("olga", new io.onegrid.hub.security.PasswordHasher(1000,
                new java.security.SecureRandom()).hash("olga-password"), io.onegrid.hub.cases.Role.OPERATOR, null, null));
        String operator = hub.login("olga", "olga-password");
        HttpResponse<String> forbidden = hub.post("/api/gateways", "{\"id\":\"gw-new-8\"}", operator);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).getString("error")).isEqualTo("forbidden");
        HttpResponse<String> list = hub.get("/api/gateways", operator);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")))
                .contains("gw-new-7", GW, GW2);
        assertThat(json(list).getJsonArray("items").getJsonObject(0).fieldNames()).contains("clockSkewMs", "clockCorrected");
    }

    /** Verifies case list filters and detail after alarms over MQTT. */
    @Test
    void caseFiltersAndDetail() throws Exception {
        MqttAsyncClient c = hub.connect(GW, GW_SECRET);
        assertThat(hub.publish(c, Envelopes.hydrantLow(GW, 1, "a-1"))).isZero();
        assertThat(hub.publish(c, Envelopes.raised(GW, 2, "a-2", "smoke-302", "smoke", "fire.smoke",
                io.onegrid.protocol.Location.unit("site-a", "302")))).isZero();
        c.disconnect().waitForCompletion(2000);
        c.close(true);
        String token = hub.adminToken();
        assertThat(json(hub.get("/api/cases", token)).getLong("total")).isEqualTo(2);
        JsonObject smoke = json(hub.get("/api/cases?type=fire.smoke&stage=open&site=site-a&unit=302", token));
        assertThat(smoke.getLong("total")).isEqualTo(1);
        long id = smoke.getJsonArray("items").getJsonObject(0).getLong("id");
        JsonObject detail = json(hub.get("/api/cases/" + id, token));
        assertThat(detail.getJsonArray("alarms").getJsonObject(0).getString("rule")).isEqualTo("smoke");
        assertThat(detail.getJsonArray("alarms").getJsonObject(0).getJsonArray("readings")).hasSize(1);
        // the test envelopes carry a 2023 wall clock: the hub shows it and its own estimate beside it
        JsonObject raisedAt = detail.getJsonArray("alarms").getJsonObject(0).getJsonObject("raisedAt");
        assertThat(raisedAt.getLong("wall")).isEqualTo(Envelopes.TS.wallMs());
        assertThat(raisedAt.getBoolean("corrected")).isTrue();
        assertThat(java.time.Instant.parse(raisedAt.getString("hub"))).isAfter(java.time.Instant.ofEpochMilli(Envelopes.TS.wallMs()));
        JsonObject paged = json(hub.get("/api/cases?limit=1&offset=1", token));
        assertThat(paged.getJsonArray("items")).hasSize(1);
        assertThat(paged.getJsonArray("items").getJsonObject(0).getString("type")).isEqualTo("fire.hydrant-pressure-low");
    }
}
