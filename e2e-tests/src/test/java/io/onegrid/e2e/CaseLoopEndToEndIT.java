package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The operators' loop with every part in its own process, on the embedded SQLite store and on a real
 * PostgreSQL server: two simulated smoke detectors in flat 302 → the OSGi gateway → MQTT → the hub (started with
 * the demo grid) → one confirmed case in the right grid node, taken from filing to closure through the REST API
 * by the people of the grid, while an operator of another street sees none of it, not even on the live stream.
 */
// Runs beside another test, and its two stores side by side: nothing here depends on machine speed (a late gateway
// finds both detectors in smoke at its first reading, which opens the same confirmed case).
@Execution(ExecutionMode.CONCURRENT)
class CaseLoopEndToEndIT {
    private static final String GATEWAY = "gw-e2e-loop";
    private static final String GATEWAY_SECRET = "e2e-loop-gateway-secret-5d1e";
    private static final String ADMIN_PASSWORD = "e2e-loop-admin-password-93b0";
    private static final String PASSWORD = "operator-password-e2e";

    @TempDir
    Path work;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
    }

    /** GIVEN the hub on its embedded SQLite file THEN the whole loop holds (see {@link #loop}). */
    @Test
    void caseLoopOnSqlite() throws Exception {
        loop(Map.of());
    }

    /** GIVEN the hub on a real PostgreSQL 16 server named by ONEGRID_HUB_DB_URL THEN the whole loop holds. */
    @Test
    void caseLoopOnPostgres() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        started.add(pg);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE onegrid_e2e");
        }
        loop(Map.of("ONEGRID_HUB_DB_URL", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/onegrid_e2e",
                "ONEGRID_HUB_DB_USER", "postgres", "ONEGRID_HUB_DB_PASSWORD", "postgres"));
        // THEN the case really is in PostgreSQL, not in a SQLite file beside it
        try (Connection c = pg.getDatabase("postgres", "onegrid_e2e").getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT stage, grid_node FROM cases WHERE type = 'fire.smoke'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CLOSED");
            assertThat(rs.getString(2)).isEqualTo("bldg-7/302");
        }
        assertThat(work.resolve("hub/hub.db")).doesNotExist();
    }

    /**
     * WHEN smoke appears in flat 302 (t+20 s) and a second detector of the flat confirms it (t+24 s)
     * THEN one confirmed CRITICAL fire.smoke case is filed at bldg-7/302, owned by the Shuguang community;
     *      the community operator sees it on the live stream; a refused action answers 409 with the allowed
     *      actions and a stale version 409 version_conflict; dispatch → accept → start → resolve → verify →
     *      close through the REST API leave every step in the timeline; the community's KPIs count it closed;
     *      and an operator of the other street gets 404 for it, an empty case list, no devices, a 404 for the
     *      community's KPIs and no event about it.
     */
    private void loop(Map<String, String> dbEnv) throws Exception {
        Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("onegrid.e2e.logs", root.resolve("e2e-tests/target/e2e-logs").toString()))
                .resolve(dbEnv.isEmpty() ? "loop-sqlite" : "loop-postgres");
        int mqttPort = freePort();
        int httpPort = freePort();
        int gpioPort = freePort();

        Map<String, String> env = new HashMap<>(dbEnv);
        env.put("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD);
        ManagedProcess hub = ManagedProcess.start("hub", logs, List.of(java(), "-jar",
                root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(), "--data-dir", work.resolve("hub").toString(),
                "--mqtt-port", String.valueOf(mqttPort), "--http-port", String.valueOf(httpPort),
                "--grid", root.resolve("cloud-bridge/config/demo-grid.yaml").toString(),
                "--gateway", GATEWAY + ":" + GATEWAY_SECRET), env);
        started.add(hub);
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(60));

        HubClient admin = new HubClient(httpPort);
        admin.login("admin", ADMIN_PASSWORD);
        createUser(admin, "op-sg", "operator", "xh-bs-sg");
        createUser(admin, "op-sg-g1", "responder", "xh-bs-sg-g1");
        createUser(admin, "op-ly", "operator", "xh-ly");
        HubClient community = login(httpPort, "op-sg");
        HubClient worker = login(httpPort, "op-sg-g1");
        HubClient otherStreet = login(httpPort, "op-ly");
        EventLog communityEvents = new EventLog(community, "op-sg");
        EventLog otherEvents = new EventLog(otherStreet, "op-ly");
        started.add(communityEvents);
        started.add(otherEvents);
        assertThat(communityEvents.status()).isEqualTo(200);
        assertThat(otherEvents.status()).isEqualTo(200);

        ManagedProcess sim = ManagedProcess.start("sim", logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run",
                root.resolve("e2e-tests/src/test/resources/case-loop-scenario.yaml").toString(),
                "--modbus-port", "0", "--gpio-port", String.valueOf(gpioPort)), Map.of());
        started.add(sim);
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));
        ManagedProcess gateway = ManagedProcess.start("gateway", logs, List.of(java(),
                "-Donegrid.config=" + writeGatewayConfig(mqttPort, gpioPort), "-jar",
                root.resolve("gateway/target/onegrid-gateway.jar").toString()), Map.of());
        started.add(gateway);

        // Filing: one case for the flat, confirmed by the second detector, in the community's grid node.
        JsonNode filed = await("a confirmed smoke case for flat 302").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> smokeCase(community), c -> c.isPresent() && c.get().path("confirmed").asBoolean())
                .orElseThrow();
        long id = filed.path("id").asLong();
        assertThat(filed.path("gridNode").asText()).isEqualTo("bldg-7/302");
        assertThat(filed.path("ownerTier").asText()).isEqualTo("xh-bs-sg");
        assertThat(filed.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(filed.path("sources").asInt()).isEqualTo(2);
        assertThat(community.get("/api/cases?type=fire.smoke").path("total").asInt()).as("one case, not two").isEqualTo(1);
        await("the case on the community's live stream").atMost(Duration.ofSeconds(10))
                .until(() -> !communityEvents.caseEvents(id).isEmpty());

        // Refusals: an action the stage does not allow, and a stale version.
        HubClient.Answer early = worker.post("/api/cases/" + id + "/accept", "{}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("error").asText()).isEqualTo("stage_conflict");
        assertThat(early.body().path("stage").asText()).isEqualTo("OPEN");
        // the actions allowed are the caller's: a grid worker can only comment on a case nobody dispatched yet
        assertThat(early.body().path("allowedActions").toString()).isEqualTo("[\"comment\"]");
        HubClient.Answer closeEarly = community.post("/api/cases/" + id + "/close", "{}");
        assertThat(closeEarly.status()).isEqualTo(409);
        assertThat(closeEarly.body().path("allowedActions").toString()).contains("\"dispatch\"", "\"false-alarm\"",
                "\"escalate\"").doesNotContain("\"close\"");
        int version = filed.path("version").asInt();
        HubClient.Answer dispatched = community.post("/api/cases/" + id + "/dispatch",
                "{\"version\":" + currentVersion(community, id) + ",\"note\":\"micro fire station to bldg-7\"}");
        assertThat(dispatched.status()).isEqualTo(200);
        assertThat(dispatched.body().path("stage").asText()).isEqualTo("DISPATCHED");
        HubClient.Answer stale = community.post("/api/cases/" + id + "/comment", "{\"version\":" + version
                + ",\"note\":\"written against an old copy\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("error").asText()).isEqualTo("version_conflict");

        // The loop: the grid worker handles it, the community verifies and closes.
        for (String action : List.of("accept", "start", "resolve")) {
            HubClient.Answer a = worker.post("/api/cases/" + id + "/" + action, action.equals("resolve")
                    ? "{\"note\":\"burnt pan, no fire; both detectors reset\"}" : "{}");
            assertThat(a.status()).as(action).isEqualTo(200);
        }
        assertThat(community.post("/api/cases/" + id + "/verify", "{\"passed\":true}").status()).isEqualTo(200);
        HubClient.Answer closed = community.post("/api/cases/" + id + "/close", "{}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().path("stage").asText()).isEqualTo("CLOSED");
        List<String> timeline = new ArrayList<>();
        closed.body().path("timeline").forEach(t -> timeline.add(t.path("action").asText()));
        assertThat(timeline).containsSubsequence("case opened", "dispatch", "accept", "start", "resolve", "verify", "close");
        assertThat(timeline).contains("confirmed");
        JsonNode kpis = community.get("/api/kpis?node=xh-bs-sg");
        assertThat(kpis.path("closed").asInt()).isEqualTo(1);
        assertThat(kpis.path("closureRate").asDouble()).isEqualTo(1.0);
        await("the closure on the community's live stream").atMost(Duration.ofSeconds(10)).until(() ->
                communityEvents.caseEvents(id).stream().anyMatch(e -> e.data().path("stage").asText().equals("CLOSED")));

        // Another street sees nothing of it.
        assertThat(otherStreet.fetch("/api/cases/" + id).status()).isEqualTo(404);
        assertThat(otherStreet.post("/api/cases/" + id + "/comment", "{\"note\":\"x\"}").status()).isEqualTo(404);
        assertThat(otherStreet.get("/api/cases").path("total").asInt()).isZero();
        assertThat(otherStreet.get("/api/devices").path("items").size()).isZero();
        assertThat(otherStreet.fetch("/api/gateways/" + GATEWAY).status()).isEqualTo(404);
        assertThat(otherStreet.fetch("/api/kpis?node=xh-bs-sg").status()).isEqualTo(404);
        assertThat(otherEvents.caseEvents(id)).isEmpty();
        assertThat(otherEvents.events()).noneMatch(e -> e.data().toString().contains("bldg-7"));
        assertThat(community.get("/api/devices").path("items").size()).as("the community sees the flat's detectors")
                .isEqualTo(2);
        assertThat(gateway.alive()).isTrue();
    }

    private static void createUser(HubClient admin, String user, String role, String scope) throws Exception {
        HubClient.Answer a = admin.post("/api/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\",\"scope\":\"" + scope + "\"}");
        assertThat(a.status()).as("create " + user + ": " + a.body()).isEqualTo(201);
    }

    private static HubClient login(int port, String user) throws Exception {
        HubClient c = new HubClient(port);
        c.login(user, PASSWORD);
        return c;
    }

    private static int currentVersion(HubClient c, long id) throws Exception {
        return c.get("/api/cases/" + id).path("version").asInt();
    }

    private static Optional<JsonNode> smokeCase(HubClient c) throws Exception {
        for (JsonNode item : c.get("/api/cases?type=fire.smoke").path("items")) {
            if ("302".equals(item.path("unit").asText())) return Optional.of(item);
        }
        return Optional.empty();
    }

    private Path writeGatewayConfig(int mqttPort, int gpioPort) throws IOException {
        return GatewayConfig.write(work, GATEWAY, GATEWAY_SECRET, mqttPort, gpioPort, """
                  - id: smoke-302
                    profile: smoke-detector-gpio
                    address: smoke=flat302.smoke,siren=flat302.siren
                    site: bldg-7
                    unit: "302"
                  - id: smoke-302-hall
                    profile: smoke-detector-gpio
                    address: smoke=flat302.hall.smoke,siren=flat302.hall.siren
                    site: bldg-7
                    unit: "302"
                """);
    }
}
