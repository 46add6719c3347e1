package io.onegrid.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checking the admin API's bodies: 400 bad_request naming the field, the secret never echoed. */
class WebhookRequestTest {
    private static final Grid GRID = GridFile.parse(GridFile.demoText(), "demo-grid.yaml");

    private static JsonObject body(String json) {
        return new JsonObject(json);
    }

    private static void refused(String json, String field) {
        assertThatThrownBy(() -> WebhookRequest.create(body(json), GRID)).as(json).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).error()).isEqualTo(HubError.BAD_REQUEST))
                .hasMessageContaining("'" + field + "'");
    }

    /** GIVEN a full, valid body WHEN read THEN url, node, patterns (without duplicates) and secret are kept. */
    @Test
    void validBody() {
        WebhookRequest r = WebhookRequest.create(body("{\"url\":\"https://12345.example.gov.cn/hook?token=abc\","
                + "\"node\":\"xh-bs\",\"caseTypes\":[\"fire.*\",\"welfare.sos\",\"fire.*\"],"
                + "\"secret\":\"a-long-enough-secret\"}"), GRID);

        assertThat(r.url()).isEqualTo("https://12345.example.gov.cn/hook?token=abc");
        assertThat(r.node()).isEqualTo("xh-bs");
        assertThat(r.caseTypes()).containsExactly("fire.*", "welfare.sos");
        assertThat(r.secret()).contains("a-long-enough-secret");
        assertThat(r.toString()).doesNotContain("a-long-enough-secret").doesNotContain("token");
    }

    /** GIVEN no caseTypes, or null, or an empty list WHEN read THEN the subscription is for every type and the secret is left to the hub. */
    @Test
    void absentCaseTypesMeanAll() {
        for (String types : new String[] {"", ",\"caseTypes\":null", ",\"caseTypes\":[]"}) {
            WebhookRequest r = WebhookRequest.create(body("{\"url\":\"http://127.0.0.1:8099/in\",\"node\":\"xh\"" + types + "}"), GRID);
            assertThat(r.caseTypes()).isEmpty();
            assertThat(r.secret()).isEmpty();
        }
    }

    /** GIVEN each kind of bad body WHEN read THEN a 400 names the field at fault. */
    @Test
    void badBodiesNameTheirField() {
        String node = ",\"node\":\"xh\"";
        refused("{\"node\":\"xh\"}", "url");
        refused("{\"url\":42" + node + "}", "url");
        refused("{\"url\":\"ftp://example.org/x\"" + node + "}", "url");
        refused("{\"url\":\"file:///etc/passwd\"" + node + "}", "url");
        refused("{\"url\":\"https:///nohost\"" + node + "}", "url");
        refused("{\"url\":\"https://user:pw@example.org/\"" + node + "}", "url");
        refused("{\"url\":\"https://example.org/#frag\"" + node + "}", "url");
        refused("{\"url\":\"https://exa mple.org/\"" + node + "}", "url");
        refused("{\"url\":\"https://example.org/" + "x".repeat(2100) + "\"" + node + "}", "url");
        refused("{\"url\":\"https://example.org/\"}", "node");
        refused("{\"url\":\"https://example.org/\",\"node\":\"no-such-node\"}", "node");
        refused("{\"url\":\"https://example.org/\",\"node\":7}", "node");
        refused("{\"url\":\"https://example.org/\"" + node + ",\"caseTypes\":\"fire.*\"}", "caseTypes");
        refused("{\"url\":\"https://example.org/\"" + node + ",\"caseTypes\":[\"Fire\"]}", "caseTypes");
        refused("{\"url\":\"https://example.org/\"" + node + ",\"caseTypes\":[3]}", "caseTypes");
        refused("{\"url\":\"https://example.org/\"" + node + ",\"secret\":\"short\"}", "secret");
        refused("{\"url\":\"https://example.org/\"" + node + ",\"secret\":\"has spaces in it, long enough\"}", "secret");
        refused("{\"url\":\"https://example.org/\"" + node + ",\"colour\":\"red\"}", "colour");
    }

    /** GIVEN a too-short secret WHEN refused THEN the message does not repeat it. */
    @Test
    void secretIsNotEchoed() {
        assertThatThrownBy(() -> WebhookRequest.create(body("{\"url\":\"https://example.org/\",\"node\":\"xh\","
                + "\"secret\":\"hunter2\"}"), GRID)).hasMessageNotContaining("hunter2");
    }

    /** GIVEN PATCH bodies WHEN read THEN only a boolean enabled passes. */
    @Test
    void patchTakesEnabledOnly() {
        assertThat(WebhookRequest.enabled(new JsonObject(Map.of("enabled", false)))).isFalse();
        assertThat(WebhookRequest.enabled(new JsonObject(Map.of("enabled", true)))).isTrue();
        assertThatThrownBy(() -> WebhookRequest.enabled(new JsonObject(Map.of("enabled", "no"))))
                .hasMessageContaining("'enabled'");
        assertThatThrownBy(() -> WebhookRequest.enabled(new JsonObject(Map.of("enabled", true, "url", "x"))))
                .hasMessageContaining("'url'");
    }
}
