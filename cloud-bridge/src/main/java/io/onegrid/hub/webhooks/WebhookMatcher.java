package io.onegrid.hub.webhooks;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.store.HubEvent;
import io.onegrid.hub.store.WebhookStore.Subscription;
import io.onegrid.profile.Ids;
import java.util.List;
import java.util.Optional;

/**
 * Which subscriptions a live case event goes to. A subscription's node is resolved against the grid in force for
 * every event, as a user's scope is (io.onegrid.hub.http.Access): a node a later grid import removed matches nothing
 * rather than everything. Case-type patterns are {@code *}, an exact type ({@code fire.smoke}) or a prefix ending in
 * {@code .*} ({@code fire.*}: {@code fire.smoke}, {@code fire.gas.leak}, not {@code fire} nor {@code firearm}); no
 * pattern at all means every type.
 */
final class WebhookMatcher {
    static final String ANY = "*";
    static final String PATTERN_HINT = "\"*\", a case type such as fire.smoke, or a prefix such as fire.*";

    private WebhookMatcher() { }

    static boolean validPattern(String p) {
        if (p.equals(ANY)) return true;
        String type = p.endsWith(".*") ? p.substring(0, p.length() - 2) : p;
        return Ids.CASE_TYPE.matcher(type).matches();
    }

    static boolean typeMatches(List<String> patterns, String type) {
        if (patterns.isEmpty()) return true;
        for (String p : patterns) {
            if (p.equals(ANY) || p.equals(type)) return true;
            if (p.endsWith(".*") && type.startsWith(p.substring(0, p.length() - 1))) return true;
        }
        return false;
    }

    /** The subtree a subscription covers now; empty when its node is not in the grid in force. */
    static Optional<Scope> scope(Subscription s, Grid grid) {
        return grid.path(s.node()).map(Scope::new);
    }

    /**
     * Whether {@code e} (a {@code case} event whose payload names {@code caseType}) goes to {@code s}: enabled, newer
     * than the subscription, in its subtree, of a type it asks for.
     */
    static boolean matches(Subscription s, Optional<Scope> scope, HubEvent e, String caseType) {
        return s.enabled() && e.id() > s.sinceEventId() && "case".equals(e.kind()) && caseType != null
                && scope.map(sc -> sc.contains(e.scopePath())).orElse(false) && typeMatches(s.caseTypes(), caseType);
    }
}
