package io.onegrid.hub.http;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.config.HubSetting;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document and docs/hub.md stay in step with the code. */
class DocumentsTest {

    /** Verifies openapi.yaml parses, is OpenAPI 3, and lists every route and every error code. */
    @Test
    @SuppressWarnings("unchecked")
    void openApiDescribesEveryRoute() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getResourceAsStream("/openapi.yaml")) {
            doc = new Yaml().load(in);
        }
        assertThat((String) doc.get("openapi")).startsWith("3.");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        assertThat(paths).containsKeys("/api/health", "/api/openapi.yaml", "/api/auth/login", "/api/cases",
                "/api/cases/{id}", "/api/gateways", "/api/health/details", "/api/auth/logout", "/api/me",
                "/api/cases/{id}/{action}", "/api/gateways/{id}", "/api/devices", "/api/grid", "/api/grid/nodes",
                "/api/kpis", "/api/users", "/api/audit", "/api/events", "/api/gateways/{id}/commands", "/api/webhooks",
                "/api/webhooks/{id}", "/api/webhooks/{id}/deliveries", "/api/claims", "/api/claims/{id}",
                "/api/provision", "/api/gateways/{id}/walktest", "/api/gateways/{id}/commissioning",
                "/api/users/{username}", "/api/me/password");
        assertThat(paths.get("/api/users/{username}")).containsKeys("patch");
        assertThat(paths.get("/api/me/password")).containsKeys("put");
        assertThat(paths.get("/api/claims")).containsKeys("get", "post");
        assertThat(paths.get("/api/claims/{id}")).containsKeys("get", "delete");
        assertThat(paths.get("/api/provision")).containsKeys("get", "post");
        assertThat(paths.get("/api/gateways/{id}/credential")).containsKeys("delete");
        assertThat(paths.get("/api/gateways/{id}/walktest")).containsKeys("get", "post", "delete");
        assertThat(paths.get("/api/gateways/{id}/commissioning")).containsKeys("get", "put");
        assertThat(paths.get("/api/gateways")).containsKeys("get", "post");
        assertThat(paths.get("/api/gateways/{id}/commands")).containsKeys("get", "post");
        assertThat(paths.get("/api/webhooks")).containsKeys("get", "post");
        assertThat(paths.get("/api/webhooks/{id}")).containsKeys("patch", "delete");
        String description = (String) ((Map<String, Object>) doc.get("info")).get("description");
        for (HubError e : HubError.values()) {
            assertThat(description).contains(e.code());
        }
    }

    /** Verifies docs/hub.md names every flag and environment variable and every error code. */
    @Test
    void hubDocListsEverySetting() throws Exception {
        Path doc = Path.of("..", "docs", "hub.md");
        String text = Files.readString(doc);
        for (HubSetting s : HubSetting.values()) {
            assertThat(text).contains("`" + s.env() + "`");
            if (s.flag() != null) assertThat(text).contains("`--" + s.flag() + "`");
        }
        for (HubError e : HubError.values()) {
            assertThat(text).contains("`" + e.code() + "`");
        }
    }

    /** GIVEN the receiver example that WebhookReceiverExampleIT runs WHEN docs/webhooks.md shows it THEN it shows that very file. */
    @Test
    void webhookDocShowsTheTestedReceiver() throws Exception {
        String script = Files.readString(Path.of("..", "docs", "examples", "webhook-receiver.py"));

        assertThat(Files.readString(Path.of("..", "docs", "webhooks.md"))).contains("```python\n" + script + "```");
    }
}
