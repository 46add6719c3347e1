package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.store.TokenSession;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is asking, and which part of the grid they may see. A user whose scope node is missing from the grid in
 * force (renamed by an import) sees nothing rather than everything.
 */
final class Access {
    /** Matches no stored path: every path starts with '/', none with this. */
    private static final Scope NOTHING = new Scope("/\u0000nothing/");

    private Access() { }

    static TokenSession session(RoutingContext ctx) {
        TokenSession s = ctx.get(Auth.SESSION_KEY);
        if (s == null) throw new HubException(HubError.UNAUTHORIZED, "log in first");
        return s;
    }

    static Scope scope(TokenSession s, Grid grid) {
        if (s.scopeNode() == null) return Scope.ALL;
        return grid.path(s.scopeNode()).map(Scope::new).orElse(NOTHING);
    }

    static void require(TokenSession s, Role... roles) {
        for (Role r : roles) {
            if (s.role() == r) return;
        }
        throw new HubException(HubError.FORBIDDEN, "this needs the " + java.util.Arrays.stream(roles).map(Role::wireName)
                .reduce((a, b) -> a + " or " + b).orElse("") + " role");
    }
}
