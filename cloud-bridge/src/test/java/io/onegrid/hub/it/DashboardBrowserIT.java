package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import io.onegrid.testing.Browser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The operators' dashboard as operators meet it: the hub (real HTTP, real MQTT, SQLite) on the demo grid,
 * alarms published by an MQTT client, and Debian's Chromium, headless, clicking through the pages.
 */
class DashboardBrowserIT {
    private static final String PASSWORD = "dashboard-it-password";
    // appearing without reload is what this asserts; how fast is measured by the dashboard benchmark
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final String MARKUP = "<img src=x onerror=window.pwned=1>";

    @TempDir
    Path dir;
    HubFixture hub;
    MqttAsyncClient gateway;
    String admin;
    final List<Browser> browsers = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir.resolve("hub"));
        admin = hub.adminToken();
        HttpResponse<String> grid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/grid"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(GridFile.demoText())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grid.statusCode()).as(grid.body()).isEqualTo(200);
        user("op-sg", "operator", "xh-bs-sg");
        user("gw-zhang", "responder", "xh-bs-sg-g1");
        user("op-ly", "operator", "xh-ly");
        gateway = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        browsers.forEach(Browser::close);
        if (gateway != null) gateway.disconnect().waitForCompletion(5000);
        hub.close();
    }

    /**
     * GIVEN the community's operator signed in with a Chinese browser WHEN a smoke detector in flat 302 goes off
     * THEN without reload the case is on the board and the banner flashes in Chinese until
     * acknowledged; in the case detail the dispatch button (and only actions the hub allows) takes the case to
     * 已派遣, and the timeline records it.
     */
    @Test
    void aCaseAppearsLiveAlertsUntilAcknowledgedAndIsDispatchedWithOneClick() throws Exception {
        Browser b = browser("op", "zh-CN,zh");
        b.login("op-sg", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.find("#live.on") != null);
        assertThat(b.text("header h1")).isEqualTo("一网统管 · 运行监测");
        assertThat(b.find("#open-cases")).isNull();

        long published = System.nanoTime();
        raise("smoke-1", "smoke-302", "smoke", "CRITICAL", "fire.smoke", new Location("bldg-7", "302", null, null));
        await().atMost(LIVE).pollInterval(Duration.ofMillis(20)).until(() -> b.find("#open-cases tr[data-case]") != null);
        long shownMs = (System.nanoTime() - published) / 1_000_000;
        System.out.println("DASHBOARD alarm published -> case on the board: " + shownMs + " ms");

        assertThat(b.attr("#open-cases tr[data-case]", "class")).contains("alerting");
        assertThat(b.text("#open-cases tr[data-case]")).contains("烟感火警").contains("7幢 302室").contains("已立案").contains("紧急");
        assertThat(b.text("#alarm-banner")).contains("紧急案件");
        assertThat(b.driver.getTitle()).startsWith("🔴");

        b.click("#alarm-banner button[data-ack]");
        await().atMost(LIVE).until(() -> b.find("#alarm-banner") == null);
        assertThat(b.attr("#open-cases tr[data-case]", "class")).doesNotContain("alerting");

        String caseId = b.attr("#open-cases tr[data-case]", "data-case");
        b.click("#open-cases tr[data-case] a");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.find("#case-stage") != null);
        assertThat(b.find("#case-stage").getAttribute("data-stage")).isEqualTo("OPEN");
        assertThat(b.text("#due-dispatch")).startsWith("剩余");
        List<String> actions = b.all("#case-actions button[data-action]").stream().map(e -> e.getAttribute("data-action")).toList();
        assertThat(actions).contains("dispatch", "false-alarm", "comment").doesNotContain("close", "verify", "resolve");

        b.click("button[data-action=dispatch]");
        b.find("#field-note").sendKeys("微型消防站出动");
        b.click("#action-submit");
        await().atMost(Duration.ofSeconds(5)).until(() -> "DISPATCHED".equals(attr(b, "#case-stage", "data-stage")));
        assertThat(b.text("#case-stage")).isEqualTo("已派遣");
        assertThat(b.text("#timeline")).contains("op-sg dispatch");
        assertThat(b.text("#due-dispatch")).isEqualTo("已按时完成");
        JsonObject atHub = new JsonObject(hub.get("/api/cases/" + caseId, admin).body());
        assertThat(atHub.getString("stage")).isEqualTo("DISPATCHED");
    }

    /**
     * GIVEN an English browser WHEN the operator signs in THEN the pages are in English; the 中文 button switches to
     * Chinese without reload; the keyboard alone reaches the grid (g), where flat 302's building and every node
     * above it are red while its critical case is open and the other building is green.
     */
    @Test
    void englishByDefaultForAnEnglishBrowserSwitchesToChineseAndWorksFromTheKeyboard() throws Exception {
        raise("smoke-2", "smoke-302", "smoke", "CRITICAL", "fire.smoke", new Location("bldg-7", "302", null, null));
        Browser b = browser("en", "en-US,en");
        assertThat(b.text("#login-title")).isEqualTo("OneGrid operations");
        b.login("op-sg", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.find("#open-cases tr[data-case]") != null);
        assertThat(b.text("#board-title")).startsWith("Open cases");

        new Actions(b.driver).sendKeys(b.find("body"), "g").perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.find("#grid") != null);
        assertThat(attr(b, "li[data-node='bldg-7']", "data-risk")).isEqualTo("red");
        assertThat(attr(b, "li[data-node='xh-bs-sg']", "data-risk")).isEqualTo("red");
        assertThat(attr(b, "li[data-node='bldg-8']", "data-risk")).isEqualTo("green");

        b.click("#lang");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.text("#grid-title").equals("网格"));
        assertThat(b.text("header nav")).contains("案件").contains("设备");

        new Actions(b.driver).sendKeys(b.find("body"), "c").perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.find("#open-cases") != null);
        WebElement first = b.find("#open-cases tr[data-case]");
        first.sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.find("#case-detail #case-title") != null);
    }

    /**
     * GIVEN a welfare case for the elder of flat 302 WHEN the community's operator and the grid worker open it THEN
     * the operator sees the resident's contacts in full, the grid worker sees them masked with a note, and the
     * other street's operator never sees the case; markup inside an alarm's text shows as text, not as HTML.
     */
    @Test
    void personalDataOnlyForThoseWhoNeedItAndNoMarkupFromData() throws Exception {
        Location flat = new Location("bldg-7", "302", null, "res-302");
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", seq.incrementAndGet(), Envelopes.TS,
                new Body.Alarm("w-1", "motion-302", "no-motion", Body.Transition.RAISED, "MAJOR", "welfare.inactivity", flat,
                        Envelopes.TS, MARKUP + " no motion since 08:00", List.of())))).isZero();
        long id = caseOf("welfare.inactivity");
        Browser op = browser("op", "zh-CN");
        op.login("op-sg", PASSWORD);
        op.open(base() + "/#/cases/" + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> op.find("#contacts li") != null);
        String contacts = op.text("#contacts");
        assertThat(contacts).doesNotContain("*");
        assertThat(op.text("#case-detail")).contains(MARKUP);
        assertThat(op.all("#case-detail img")).isEmpty();
        assertThat(op.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);

        Browser worker = browser("worker", "zh-CN");
        worker.login("gw-zhang", PASSWORD);
        worker.open(base() + "/#/cases/" + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.find("#contacts li") != null);
        assertThat(worker.text("#contacts")).contains("*").isNotEqualTo(contacts);
        assertThat(worker.text("#resident")).contains("个人信息仅向需要的人员显示");

        Browser other = browser("other", "zh-CN");
        other.login("op-ly", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> other.find("#board-title") != null);
        assertThat(other.find("#open-cases")).isNull();
        other.open(base() + "/#/cases/" + id);
        await().atMost(Duration.ofSeconds(10)).until(() -> other.find("#case-message") != null);
        assertThat(other.find("#case-title")).isNull();
    }

    /**
     * GIVEN readings of the hydrant's pressure around its alarm WHEN the case is opened THEN the chart of the
     * channel around the alarm has those readings, asked in the gateway's own clock.
     */
    @Test
    void caseDetailChartsTheChannelAroundTheAlarm() throws Exception {
        Timestamp at = Envelopes.TS;
        // the gateway's birth places it, and so its readings, in the operator's part of the grid
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", 0, at, new Body.Birth("gateway 0.1.0", at, List.of(
                new Body.DeclaredDevice("hydrant-1", "hydrant-pressure-modbus", new Location("bldg-7", null, "pump-room", null))))))).isZero();
        List<WireReading> readings = new ArrayList<>();
        for (int i = -5; i <= 5; i++) {
            readings.add(new WireReading("hydrant-1", "pressure", 0.30 + i * 0.01, "MPa", WireReading.Quality.GOOD,
                    new Timestamp(at.wallMs() + i * 30_000L, at.monoMs() + (i + 5) * 30_000L)));
        }
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", seq.incrementAndGet(), at,
                new Body.Telemetry(readings)))).isZero();
        long id = raise("h-1", "hydrant-1", "low-pressure", "MAJOR", "fire.hydrant-pressure-low",
                new Location("bldg-7", null, "pump-room", null));
        Browser b = browser("chart", "en");
        b.login("op-sg", PASSWORD);
        b.open(base() + "/#/cases/" + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> "11".equals(attr(b, ".chart[data-alarm]", "data-points")));
        assertThat(b.find(".chart[data-alarm] canvas")).isNotNull();
    }

    /**
     * GIVEN the community's operator on the devices page and the gateway's birth declaring a smoke detector and a
     * hydrant meter WHEN an admin starts a walk test THEN without reload the gateway is marked as in a walk test
     * (its alarms open no case) until its end time, in Chinese; WHEN the smoke detector triggers and the commissioning
     * report is stored THEN the detector shows as commissioned and the meter as not; WHEN the walk test ends THEN the
     * mark goes, again without reload.
     */
    @Test
    void operatorsSeeWalkTestsAndCommissioningLive() throws Exception {
        Timestamp at = new Timestamp(System.currentTimeMillis(), 1_000);
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", 0, at, new Body.Birth("gateway 0.1.0", at, List.of(
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("bldg-7", "302")),
                new Body.DeclaredDevice("hydrant-1", "hydrant-pressure-modbus", new Location("bldg-7", null, "pump-room", null))))))).isZero();
        Browser b = browser("walktest", "zh-CN,zh");
        b.login("op-sg", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.find("#live.on") != null);
        b.open(base() + "/#/devices");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.find("#devices tr[data-device='" + HubFixture.GW + "/smoke-302']") != null);
        assertThat(b.find("#gateways span.walktest")).isNull();
        assertThat(b.text("#devices tr[data-device='" + HubFixture.GW + "/smoke-302'] td[data-commissioned]")).isEqualTo("未验收");

        HttpResponse<String> started = hub.send("POST", "/api/gateways/" + HubFixture.GW + "/walktest", "{\"duration\":\"30m\"}", admin);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        await().atMost(LIVE).until(() -> b.find("#gateways span.walktest") != null);
        assertThat(b.text("#gateways span.walktest")).startsWith("现场调试中，至 ").endsWith("：告警不立案");

        // raised now on the gateway's clock (the hub judges walk-test alarms by their corrected raise time)
        long now = System.currentTimeMillis();
        Timestamp raisedAt = new Timestamp(now, at.monoMs() + (now - at.wallMs()));
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", seq.incrementAndGet(), raisedAt, new Body.Alarm("wt-1",
                "smoke-302", "smoke", Body.Transition.RAISED, "CRITICAL", "fire.smoke", Location.unit("bldg-7", "302"), raisedAt,
                "smoke in 302", List.of(new WireReading("smoke-302", "smoke", true, null, WireReading.Quality.GOOD, raisedAt)))))).isZero();
        await().atMost(LIVE).until(() -> new JsonObject(hub.get("/api/gateways/" + HubFixture.GW + "/walktest", admin).body())
                .getJsonArray("devices").size() == 1);
        HttpResponse<String> report = hub.send("PUT", "/api/gateways/" + HubFixture.GW + "/commissioning", "{\"devices\":[]}", admin);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        String smokeCell = "#devices tr[data-device='" + HubFixture.GW + "/smoke-302'] td[data-commissioned]";
        await().atMost(LIVE).until(() -> "true".equals(attr(b, smokeCell, "data-commissioned")));
        assertThat(b.text(smokeCell)).startsWith("✔ 已验收");
        assertThat(attr(b, "#devices tr[data-device='" + HubFixture.GW + "/hydrant-1'] td[data-commissioned]", "data-commissioned"))
                .isEqualTo("false");
        assertThat(new JsonObject(hub.get("/api/cases?type=fire.smoke", admin).body()).getJsonArray("items")).isEmpty();

        assertThat(hub.send("DELETE", "/api/gateways/" + HubFixture.GW + "/walktest", null, admin).statusCode()).isEqualTo(200);
        await().atMost(LIVE).until(() -> b.find("#gateways span.walktest") == null);
    }

    /**
     * GIVEN an admin on the webhooks page and a receiver of the city's hotline WHEN they subscribe the community
     * THEN the signing secret is shown once, the subscription is listed, and after a fire in flat 302 its delivery
     * log shows the case delivered with the receiver's 200; the receiver got it signed.
     */
    @Test
    void anAdminSubscribesAHotlineAndSeesTheDeliveryLog() throws Exception {
        List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hotline", x -> {
            x.getRequestBody().readAllBytes();
            signatures.add(String.valueOf(x.getRequestHeaders().getFirst("X-OneGrid-Signature")));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        receiver.start();
        try {
            Browser b = browser("admin", "en");
            b.login("admin", HubFixture.ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.find("#live.on") != null);
            b.open(base() + "/#/webhooks");
            await().atMost(Duration.ofSeconds(10)).until(() -> b.find("#hook-url") != null);
            b.find("#hook-url").sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hotline");
            new org.openqa.selenium.support.ui.Select(b.find("#hook-node")).selectByValue("xh-bs-sg");
            b.find("#hook-types").sendKeys("fire.*");
            b.click("#hook-form button[type=submit]");
            await().atMost(Duration.ofSeconds(10)).until(() -> b.find("#hook-secret code") != null);
            assertThat(b.text("#hook-secret code")).hasSizeGreaterThanOrEqualTo(16);
            assertThat(b.text("#hooks")).contains("/hotline").contains("xh-bs-sg").contains("fire.*");

            raise("smoke-w", "smoke-302", "smoke", "CRITICAL", "fire.smoke", new Location("bldg-7", "302", null, null));
            await("the hotline got the case").atMost(Duration.ofSeconds(20)).until(() -> !signatures.isEmpty());
            assertThat(signatures.get(0)).startsWith("sha256=");
            b.click("#hooks button");
            await().atMost(Duration.ofSeconds(10)).until(() -> b.text(".deliveries").contains("delivered"));
            assertThat(b.text(".deliveries")).contains("(200)");
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * GIVEN an admin on the users page in Chinese WHEN they create an operator for the Shuguang community (a short
     * password first, refused before sending) THEN the operator is listed with the community's name and the password
     * input is empty; WHEN the operator signs in and changes their password (a mistyped repeat and a wrong current one
     * refused) THEN only the new one opens the hub; WHEN the admin disables the operator THEN the operator's open page
     * is back at the sign-in at its next request, which refuses them; enabled again with a reset password, the
     * operator can sign in; and demoting the last admin shows the hub's refusal.
     */
    @Test
    void anAdminManagesAnOperatorWhoChangesTheirOwnPasswordAndTheLastAdminStays() throws Exception {
        String first = "first-password-1";
        String second = "second-password-2";
        String third = "third-password-3";
        Browser a = browser("users-admin", "zh-CN,zh");
        a.login("admin", HubFixture.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.find("header nav a[href='#/users']") != null);
        assertThat(a.text("header nav a[href='#/users']")).isEqualTo("用户管理");
        a.click("header nav a[href='#/users']");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.find("#user-list tr[data-username='op-sg']") != null);
        assertThat(a.text("#user-list tr[data-username='op-sg'] td[data-role]")).isEqualTo("值班员");
        assertThat(a.find("#user-list button[data-user='admin'][data-op='disable']")).as("nobody disables themselves").isNull();

        a.find("#user-name").sendKeys("op-new");
        a.find("#user-display").sendKeys("李值班");
        new org.openqa.selenium.support.ui.Select(a.find("#user-role")).selectByValue("operator");
        new org.openqa.selenium.support.ui.Select(a.find("#user-scope")).selectByValue("xh-bs-sg");
        a.find("#user-password").sendKeys("too-short");
        a.click("#user-create");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.text("#users-message").contains("至少需要 12 个字符"));
        assertThat(hub.get("/api/users", admin).body()).doesNotContain("op-new");
        a.find("#user-password").clear();
        a.find("#user-password").sendKeys(first);
        a.click("#user-create");
        String row = "#user-list tr[data-username='op-new']";
        await().atMost(Duration.ofSeconds(5)).until(() -> a.find(row) != null);
        assertThat(a.text(row)).contains("李值班").contains("值班员").contains("曙光社区 (xh-bs-sg)").contains("已启用");
        assertThat(a.text("#users-status")).contains("已新建用户 op-new");
        assertThat(a.find("#user-password").getDomProperty("value")).isEmpty();

        Browser o = browser("users-op", "en-US,en");
        o.login("op-new", first);
        await().atMost(Duration.ofSeconds(20)).until(() -> o.find("#change-password") != null);
        o.click("#change-password");
        await().atMost(Duration.ofSeconds(5)).until(() -> o.find("#pw-form") != null);
        changePassword(o, first, second, second + "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> o.text("#pw-error").equals("The two new passwords differ."));
        changePassword(o, "not-my-password", second, second);
        await().atMost(Duration.ofSeconds(5)).until(() -> o.text("#pw-error").equals("The current password is not right."));
        assertThat(o.find("#pw-current").getDomProperty("value")).isEmpty();
        changePassword(o, first, second, second);
        await().atMost(Duration.ofSeconds(5)).until(() -> o.text("#pw-done").startsWith("Password changed."));
        assertThat(login("op-new", first)).isEqualTo(401);
        assertThat(login("op-new", second)).isEqualTo(200);

        a.find(row + " button[data-op='disable']").click();
        a.click("tr[data-editing='op-new'] button[data-confirm='disable']");
        await().atMost(Duration.ofSeconds(5)).until(() -> "true".equals(a.attr(row, "data-disabled")));
        assertThat(a.text(row + " td[data-state]")).startsWith("已停用");
        o.click("header nav a[href='#/devices']");
        await("the disabled operator's page is back at the sign-in").atMost(Duration.ofSeconds(5))
                .until(() -> o.find("#login-username") != null);
        o.login("op-new", second);
        await().atMost(Duration.ofSeconds(5)).until(() -> !o.text("#login-error").isEmpty());

        a.find(row + " button[data-op='enable']").click();
        a.click("tr[data-editing='op-new'] button[data-confirm='enable']");
        await().atMost(Duration.ofSeconds(5)).until(() -> "false".equals(a.attr(row, "data-disabled")));
        a.find(row + " button[data-op='reset']").click();
        a.find("#reset-password").sendKeys(third);
        a.click("tr[data-editing='op-new'] button[data-confirm='reset']");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.text("#users-status").contains("已重置 op-new 的密码"));
        assertThat(login("op-new", third)).isEqualTo(200);

        a.click("#user-list tr[data-username='admin'] button[data-op='edit']");
        new org.openqa.selenium.support.ui.Select(a.find("#edit-role")).selectByValue("operator");
        new org.openqa.selenium.support.ui.Select(a.find("#edit-scope")).selectByValue("xh-bs-sg");
        a.click("tr[data-editing='admin'] button[data-confirm='edit']");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.text("#users-message").contains("last enabled admin"));
        assertThat(a.attr("#users-message", "role")).isEqualTo("alert");
        assertThat(a.attr("#user-list tr[data-username='admin'] td[data-role]", "data-role")).isEqualTo("admin");
    }

    /**
     * Security headers on the page: the dashboard keeps to its own origin and is never framed; the index is
     * revalidated, hashed assets are cached for a year and sent gzipped to a browser that accepts it.
     */
    @Test
    void servedWithSecurityHeadersAndWithoutCachingTheIndex() throws Exception {
        HttpResponse<String> index = hub.get("/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval"));
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        String asset = index.body().replaceAll("(?s).*src=\"\\./(assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> js = hub.get("/" + asset, null);
        assertThat(js.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> gz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/" + asset))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.body().length).isLessThan(js.body().length() / 2);
        assertThat(js.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000"));
        assertThat(hub.get("/api/nothing-here", null).statusCode()).isEqualTo(401);
    }

    private Browser browser(String name, String languages) throws Exception {
        Browser b = Browser.start(dir.resolve("chromium-" + name), languages);
        browsers.add(b);
        b.open(base() + "/");
        await().atMost(Duration.ofSeconds(20)).until(() -> b.find("#login-username") != null);
        return b;
    }

    private long raise(String alarmId, String device, String rule, String severity, String type, Location where) throws Exception {
        int rc = hub.publish(gateway, Envelopes.alarm(HubFixture.GW, "boot-1", seq.incrementAndGet(), alarmId, device,
                rule, Body.Transition.RAISED, severity, type, where));
        assertThat(rc).isZero();
        return caseOf(type);
    }

    private long caseOf(String type) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonArray items = new JsonObject(hub.get("/api/cases?type=" + type, admin).body()).getJsonArray("items");
            return items.isEmpty() ? null : items.getJsonObject(0).getLong("id");
        }, v -> v != null);
    }

    private void user(String name, String role, String scope) throws Exception {
        HttpResponse<String> r = hub.post("/api/users", new JsonObject().put("username", name).put("password", PASSWORD)
                .put("role", role).put("scope", scope).encode(), admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static void changePassword(Browser b, String current, String next, String repeat) {
        for (String[] field : new String[][] {{"#pw-current", current}, {"#pw-new", next}, {"#pw-repeat", repeat}}) {
            b.find(field[0]).clear();
            b.find(field[0]).sendKeys(field[1]);
        }
        b.click("#pw-submit");
    }

    private int login(String username, String password) throws Exception {
        return hub.post("/api/auth/login", new JsonObject().put("username", username).put("password", password).encode(), null)
                .statusCode();
    }

    private static String attr(Browser b, String css, String name) {
        return b.attr(css, name);
    }

    private String base() {
        return "http://127.0.0.1:" + hub.hub.httpPort();
    }
}
