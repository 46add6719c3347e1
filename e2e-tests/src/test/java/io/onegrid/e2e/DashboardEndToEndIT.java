package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.testing.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The dashboard at the end of the whole chain, as a command centre meets it: the simulator's smoke detectors in
 * flat 302 → the OSGi gateway → MQTT → the hub (demo grid, its own process) → Chromium. The run also takes the
 * screenshots of docs/dashboard.md (docs/screenshots/), so they always show the dashboard as it is.
 */
// Runs beside another test: nothing here depends on machine speed (a late gateway finds both detectors in smoke at
// its first reading; the board is open before the fire either way).
@Execution(ExecutionMode.CONCURRENT)
class DashboardEndToEndIT {
    private static final String GATEWAY = "gw-e2e-ui";
    private static final String GATEWAY_SECRET = "e2e-ui-gateway-secret-71c2";
    private static final String ADMIN_PASSWORD = "e2e-ui-admin-password-04aa";
    private static final String PASSWORD = "operator-password-e2e-ui";
    private static final Duration STEP = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
    }

    /**
     * GIVEN the community's operator signed in before anything happens WHEN the simulator's detectors go off
     * THEN the case appears on the board without reload and alerts; the operator takes it through the whole loop
     * with the buttons (dispatch → accept → start → resolve → verify → close); the KPI page counts one more
     * closed case; the grid tree shows the building's risk; a ping from the device page gets the gateway's pong.
     */
    @Test
    void aSimulatedFireTakenThroughTheLoopInTheBrowser() throws Exception {
        Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("e2e-tests/target/e2e-logs/dashboard");
        Path shots = root.resolve("docs/screenshots");
        int mqttPort = freePort();
        int httpPort = freePort();
        int gpioPort = freePort();

        ManagedProcess hub = ManagedProcess.start("hub", logs, List.of(java(), "-jar",
                root.resolve("cloud-bridge/target/onegrid-hub.jar").toString(), "--data-dir", work.resolve("hub").toString(),
                "--mqtt-port", String.valueOf(mqttPort), "--http-port", String.valueOf(httpPort),
                "--grid", root.resolve("cloud-bridge/config/demo-grid.yaml").toString(),
                "--gateway", GATEWAY + ":" + GATEWAY_SECRET), Map.of("ONEGRID_ADMIN_PASSWORD", ADMIN_PASSWORD));
        started.add(hub);
        // Chromium starts while the hub does: neither needs the other yet
        CompletableFuture<Browser> browser = CompletableFuture.supplyAsync(() -> {
            try {
                return Browser.start(work.resolve("chromium"), "zh-CN,zh");
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        // closed even when the test fails before it uses the browser
        started.add(() -> browser.handle((ok, failed) -> ok).thenAccept(x -> {
            if (x != null) x.close();
        }).join());
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(60));
        HubClient admin = new HubClient(httpPort);
        admin.login("admin", ADMIN_PASSWORD);
        HubClient.Answer created = admin.post("/api/users", "{\"username\":\"duty-sg\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"operator\",\"scope\":\"xh-bs-sg\",\"displayName\":\"曙光社区值班员\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

        Browser b = startedBrowser(browser);
        String base = "http://127.0.0.1:" + httpPort;
        b.open(base + "/");
        await().atMost(Duration.ofSeconds(30)).until(() -> b.find("#login-username") != null);
        b.screenshot(shots.resolve("login.png"));
        b.login("duty-sg", PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.find("#live.on") != null);
        assertThat(b.find("#open-cases")).isNull();
        b.open(base + "/#/kpis");
        await().atMost(STEP).until(() -> b.find("[data-kpi='kpis.closed'] .value") != null);
        String closedBefore = b.text("[data-kpi='kpis.closed'] .value");
        // the board is open and empty before the fire starts, so the case can only reach it live
        b.open(base + "/#/cases");
        await().atMost(STEP).until(() -> b.find(".board p.empty") != null);

        ManagedProcess sim = ManagedProcess.start("sim", logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run",
                root.resolve("e2e-tests/src/test/resources/case-loop-scenario.yaml").toString(),
                "--modbus-port", "0", "--gpio-port", String.valueOf(gpioPort)), Map.of());
        started.add(sim);
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));
        ManagedProcess gateway = ManagedProcess.start("gateway", logs, List.of(java(), "-Donegrid.config="
                + GatewayConfig.write(work, GATEWAY, GATEWAY_SECRET, mqttPort, gpioPort, """
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
                """), "-jar", root.resolve("gateway/target/onegrid-gateway.jar").toString()), Map.of());
        started.add(gateway);

        await("the simulator's fire on the board, without reload").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100)).until(() -> b.find("#open-cases tr[data-case]") != null);
        await().atMost(STEP).until(() -> b.text("#open-cases tr[data-case]").contains("✔✔")); // confirmed by the hall
        assertThat(b.attr("#open-cases tr[data-case]", "class")).contains("alerting");
        assertThat(b.text("#alarm-banner")).contains("紧急案件");
        b.screenshot(shots.resolve("board.png"));
        b.click("#layout");
        await().atMost(STEP).until(() -> "wall".equals(b.driver.executeScript("return document.documentElement.dataset.layout")));
        b.screenshot(shots.resolve("board-wall.png"));
        b.click("#layout");

        b.click("#open-cases tr[data-case] a");
        await().atMost(STEP).until(() -> "OPEN".equals(b.attr("#case-stage", "data-stage")));
        b.screenshot(shots.resolve("case-detail.png"));
        for (String[] step : new String[][] {{"dispatch", "DISPATCHED"}, {"accept", "ACCEPTED"}, {"start", "HANDLING"},
                {"resolve", "RESOLVED"}, {"verify", "VERIFIED"}, {"close", "CLOSED"}}) {
            await().atMost(STEP).until(() -> b.find("button[data-action='" + step[0] + "']") != null);
            b.find("button[data-action='" + step[0] + "']").click();
            await().atMost(STEP).until(() -> b.find("#action-submit") != null);
            b.click("#action-submit");
            await(step[0] + " takes the case to " + step[1]).atMost(STEP)
                    .until(() -> step[1].equals(b.attr("#case-stage", "data-stage")));
        }
        assertThat(b.text("#timeline")).contains("dispatch", "accept", "start", "resolve", "verify", "close");
        assertThat(b.all("#case-actions button[data-action='close']")).isEmpty();

        b.open(base + "/#/kpis");
        await("the KPIs count the closed case").atMost(Duration.ofSeconds(30)).until(() -> {
            String v = b.text("[data-kpi='kpis.closed'] .value");
            return !v.isEmpty() && Integer.parseInt(v) == Integer.parseInt(closedBefore) + 1;
        });
        assertThat(b.text("[data-kpi='kpis.closureRate'] .value")).endsWith("%");
        b.screenshot(shots.resolve("kpis.png"));

        b.open(base + "/#/grid");
        await().atMost(STEP).until(() -> b.find("li[data-node='bldg-7']") != null);
        assertThat(b.attr("li[data-node='bldg-7']", "data-risk")).isEqualTo("green"); // its case is closed
        b.screenshot(shots.resolve("grid.png"));

        b.open(base + "/#/devices");
        await().atMost(STEP).until(() -> b.find("tr[data-gateway='" + GATEWAY + "'] button[data-command='ping']") != null);
        b.find("tr[data-gateway='" + GATEWAY + "'] button[data-command='ping']").click();
        await("the gateway's pong").atMost(Duration.ofSeconds(15))
                .until(() -> b.text("output[data-reply='" + GATEWAY + "']").contains("pong"));
        b.screenshot(shots.resolve("devices.png"));
        assertThat(gateway.alive()).isTrue();
    }

    /** The browser once started; a missing Chromium stays the skip (or the CI failure) that Browser.start reports. */
    private static Browser startedBrowser(CompletableFuture<Browser> browser) throws Exception {
        try {
            return browser.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }
}
