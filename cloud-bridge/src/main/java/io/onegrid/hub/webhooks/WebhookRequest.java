package io.onegrid.hub.webhooks;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/webhooks} and {@code PATCH /api/webhooks/{id}}, checked: every problem is a 400
 * {@code bad_request} naming its field. The secret, when given, is never echoed in a message.
 */
public record WebhookRequest(String url, String node, List<String> caseTypes, Optional<String> secret) {
    static final int MAX_URL = 2048;
    static final int MAX_CASE_TYPES = 50;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    private static final Set<String> CREATE_FIELDS = Set.of("url", "node", "caseTypes", "secret");
    private static final Set<String> PATCH_FIELDS = Set.of("enabled");

    public WebhookRequest {
        caseTypes = List.copyOf(caseTypes);
    }

    @Override
    public String toString() {
        return "WebhookRequest[node=" + node + ", caseTypes=" + caseTypes + "]";
    }

    static WebhookRequest create(JsonObject b, Grid grid) {
        onlyFields(b, CREATE_FIELDS);
        String url = url(b.getValue("url"));
        Object node = b.getValue("node");
        if (!(node instanceof String n) || n.isEmpty()) throw bad("'node' must be a grid node id (the subtree to send)");
        if (grid.node(n).isEmpty()) throw bad("'node' names no node of the grid: " + n);
        return new WebhookRequest(url, n, caseTypes(b.getValue("caseTypes")), secret(b.getValue("secret")));
    }

    /** PATCH: {@code {"enabled": true|false}}. */
    static boolean enabled(JsonObject b) {
        onlyFields(b, PATCH_FIELDS);
        if (!(b.getValue("enabled") instanceof Boolean e)) throw bad("'enabled' must be true or false");
        return e;
    }

    private static void onlyFields(JsonObject b, Set<String> allowed) {
        for (String f : b.fieldNames()) {
            if (!allowed.contains(f)) throw bad("unknown field '" + f + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static String url(Object v) {
        if (!(v instanceof String s) || s.isBlank()) throw bad("'url' must be an http:// or https:// URL");
        if (s.length() > MAX_URL) throw bad("'url' is longer than " + MAX_URL + " characters");
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw bad("'url' is not a valid URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw bad("'url' must start with http:// or https://");
        if (u.getHost() == null || u.getHost().isEmpty()) throw bad("'url' must name a host");
        if (u.getRawUserInfo() != null) {
            throw bad("'url' must not hold a user name or password; the signature authenticates the hub, "
                    + "and a token may go in the query");
        }
        if (u.getRawFragment() != null) throw bad("'url' must not have a #fragment (it is never sent)");
        return s;
    }

    private static List<String> caseTypes(Object v) {
        if (v == null) return List.of();
        if (!(v instanceof JsonArray a)) throw bad("'caseTypes' must be a list of " + WebhookMatcher.PATTERN_HINT);
        if (a.size() > MAX_CASE_TYPES) throw bad("'caseTypes' has more than " + MAX_CASE_TYPES + " entries");
        List<String> out = new ArrayList<>();
        for (Object p : a) {
            if (!(p instanceof String s) || !WebhookMatcher.validPattern(s)) {
                throw bad("'caseTypes' entries must be " + WebhookMatcher.PATTERN_HINT + ", got " + (p instanceof String
                        ? "'" + p + "'" : String.valueOf(p)));
            }
            if (!out.contains(s)) out.add(s);
        }
        return out;
    }

    private static Optional<String> secret(Object v) {
        if (v == null) return Optional.empty();
        if (!(v instanceof String s) || s.length() < MIN_SECRET || s.length() > MAX_SECRET
                || s.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            throw bad("'secret' must be " + MIN_SECRET + " to " + MAX_SECRET + " printable ASCII characters without "
                    + "spaces, or left out to have one generated");
        }
        return Optional.of(s);
    }

    private static HubException bad(String message) {
        return new HubException(HubError.BAD_REQUEST, message);
    }
}
