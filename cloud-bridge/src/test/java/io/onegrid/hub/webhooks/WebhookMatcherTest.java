package io.onegrid.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.store.HubEvent;
import io.onegrid.hub.store.WebhookStore.Subscription;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which subscriptions a case event goes to, on the demo grid. */
class WebhookMatcherTest {
    private static final Grid GRID = GridFile.parse(GridFile.demoText(), "demo-grid.yaml");

    private static Subscription sub(String node, List<String> types, boolean enabled, long since) {
        return new Subscription(1, "http://127.0.0.1:9/", node, types, enabled, Instant.EPOCH, "admin", since, "v1:x",
                null, null, null);
    }

    private static boolean goes(Subscription s, String kind, String node, String type, long eventId) {
        HubEvent e = new HubEvent(eventId, 0, kind, GRID.path(node).orElseThrow(), "{}");
        return WebhookMatcher.matches(s, WebhookMatcher.scope(s, GRID), e, type);
    }

    /**
     * GIVEN a subscription on street xh-bs WHEN case events come from its community, from itself, from the district
     * above and from another street THEN only the first two go to it, as the live stream's scoping would.
     */
    @Test
    void subtreeByPathPrefix() {
        Subscription s = sub("xh-bs", List.of(), true, 0);

        assertThat(goes(s, "case", "xh-bs-sg", "fire.smoke", 5)).isTrue();
        assertThat(goes(s, "case", "xh-bs", "fire.smoke", 5)).isTrue();
        assertThat(goes(s, "case", "xh", "fire.smoke", 5)).isFalse();
        assertThat(goes(s, "case", "xh-ly", "fire.smoke", 5)).isFalse();
    }

    /**
     * GIVEN the patterns fire.* and welfare.sos WHEN types are matched THEN fire.smoke and fire.gas.leak and
     * welfare.sos match, and fire, firearm.x, welfare.inactivity do not; no pattern and "*" match everything.
     */
    @Test
    void caseTypePatterns() {
        List<String> p = List.of("fire.*", "welfare.sos");

        assertThat(WebhookMatcher.typeMatches(p, "fire.smoke")).isTrue();
        assertThat(WebhookMatcher.typeMatches(p, "fire.gas.leak")).isTrue();
        assertThat(WebhookMatcher.typeMatches(p, "welfare.sos")).isTrue();
        assertThat(WebhookMatcher.typeMatches(p, "fire")).isFalse();
        assertThat(WebhookMatcher.typeMatches(p, "firearm.x")).isFalse();
        assertThat(WebhookMatcher.typeMatches(p, "welfare.inactivity")).isFalse();
        assertThat(WebhookMatcher.typeMatches(List.of(), "device.offline")).isTrue();
        assertThat(WebhookMatcher.typeMatches(List.of("*"), "device.offline")).isTrue();
    }

    /** GIVEN patterns as an admin may write them WHEN checked THEN the three forms pass and anything else fails. */
    @Test
    void patternValidation() {
        assertThat(List.of("*", "fire.smoke", "fire.*", "device.gateway-offline", "welfare"))
                .allMatch(WebhookMatcher::validPattern);
        assertThat(List.of("", "Fire.smoke", "fire.", "*.smoke", "fire.**", "fire*", "fire smoke", ".*"))
                .noneMatch(WebhookMatcher::validPattern);
    }

    /**
     * GIVEN subscriptions that are paused, newer than the event, on a node the grid no longer has, or asked about a
     * notification event THEN none of them gets the event.
     */
    @Test
    void pausedNewerMissingNodeAndOtherKindsGetNothing() {
        assertThat(goes(sub("xh", List.of(), false, 0), "case", "xh-bs-sg", "fire.smoke", 5)).isFalse();
        assertThat(goes(sub("xh", List.of(), true, 5), "case", "xh-bs-sg", "fire.smoke", 5)).isFalse();
        assertThat(goes(sub("xh", List.of(), true, 4), "case", "xh-bs-sg", "fire.smoke", 5)).isTrue();
        assertThat(goes(sub("removed-node", List.of(), true, 0), "case", "xh-bs-sg", "fire.smoke", 5)).isFalse();
        assertThat(goes(sub("xh", List.of(), true, 0), "notification", "xh-bs-sg", "fire.smoke", 5)).isFalse();
    }
}
