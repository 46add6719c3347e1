package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.grid.GridFile;
import io.onegrid.testing.Browser;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's claim-code page in Debian's Chromium against the real hub on the demo grid: an installer makes a
 * code for a building of their street, the code shown is one a gateway can provision with, and an unused one is
 * revoked with its button.
 */
class ClaimsBrowserIT {
    private static final String PASSWORD = "claims-it-password";
    @TempDir
    Path dir;
    HubFixture hub;
    Browser browser;

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir.resolve("hub"));
        String admin = hub.adminToken();
        hub.putGrid(GridFile.demoText(), admin);
        HttpResponse<String> r = hub.post("/api/users", new JsonObject().put("username", "inst-bs").put("password", PASSWORD)
                .put("role", "installer").put("scope", "xh-bs").encode(), admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        browser = Browser.start(dir.resolve("chromium"), "en-US,en");
        browser.open("http://127.0.0.1:" + hub.hub.httpPort() + "/");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.find("#login-username") != null);
        browser.login("inst-bs", PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.find("a[href='#/claims']") != null);
        browser.click("a[href='#/claims']");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.find("#claim-form") != null);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        hub.close();
    }

    private String makeCode() {
        int before = browser.all("#claim-list tr[data-claim]").size();
        browser.click("#claim-site option[value='bldg-7']");
        browser.click("#claim-form button[type=submit]");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("#claim-list tr[data-claim]").size() == before + 1);
        return browser.text("#claim-code code");
    }

    /**
     * GIVEN the installer on the claim-code page WHEN they make a code for bldg-7 THEN it is shown once in the
     * XXXX-XXXX-XX form, listed as open, and a gateway provisions with it; after a reload of the list it shows used.
     * A second code is revoked with its button and listed as revoked.
     */
    @Test
    void installerMakesAndRevokesClaimCodes() throws Exception {
        assertThat(browser.all("#claim-site option")).extracting(e -> e.getAttribute("value")).contains("bldg-7")
                .doesNotContain("mjw-18", "xh-bs");
        String code = makeCode();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}");
        assertThat(browser.attr("#claim-list tr[data-claim]", "data-state")).isEqualTo("open");

        HttpResponse<String> p = hub.post("/api/provision", new JsonObject().put("code", code).put("gatewayId", "gw-ui")
                .put("secret", "browser-test-gateway-secret").put("clock", Instant.now().toString()).encode(), null);
        assertThat(p.statusCode()).as(p.body()).isEqualTo(201);

        makeCode();
        String open = browser.attr("#claim-list tr[data-state=open]", "data-claim");
        assertThat(browser.all("#claim-list tr[data-state=used]")).hasSize(1);
        browser.click("#claim-list tr[data-state=open] button[data-revoke]");
        await().atMost(Duration.ofSeconds(10)).until(() -> "revoked".equals(
                browser.attr("#claim-list tr[data-claim='" + open + "']", "data-state")));
        assertThat(browser.text("#claim-list")).contains("revoked").contains("gw-ui");
    }
}
