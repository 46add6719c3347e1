package io.onegrid.hub.http;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading and checking request input; every problem is a {@link HubException} naming the field. */
final class Requests {
    private Requests() { }

    static JsonObject jsonBody(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw new HubException(HubError.BAD_REQUEST, "request body must be a JSON object");
        }
        Object v;
        try {
            v = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new HubException(HubError.MALFORMED_JSON, "request body is not a valid JSON object");
        }
        if (v == null) throw new HubException(HubError.BAD_REQUEST, "request body must be a JSON object");
        return (JsonObject) v;
    }

    static String requiredString(JsonObject body, String field, int maxLength) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new HubException(HubError.BAD_REQUEST, "'" + field + "' must be a non-empty string");
        }
        if (s.length() > maxLength) {
            throw new HubException(HubError.BAD_REQUEST, "'" + field + "' is longer than " + maxLength + " characters");
        }
        return s;
    }

    /** An optional duration field in the project's syntax ("30m", "24h"), bounded; {@code dflt} when absent. */
    static java.time.Duration duration(JsonObject body, String field, java.time.Duration dflt, java.time.Duration min,
                                       java.time.Duration max) {
        Object v = body.getValue(field);
        if (v == null) return dflt;
        java.time.Duration d = v instanceof String s ? io.onegrid.profile.Durations.parse(s).orElse(null) : null;
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new HubException(HubError.BAD_REQUEST, "'" + field + "' must be " + io.onegrid.profile.Durations.DURATION_HINT
                    + ", from " + io.onegrid.profile.Durations.format(min) + " to " + io.onegrid.profile.Durations.format(max));
        }
        return d;
    }

    /** Refuses fields other than {@code allowed}: a misspelt field must not be silently ignored. */
    static void onlyFields(JsonObject body, java.util.Set<String> allowed) {
        for (String f : body.fieldNames()) {
            if (!allowed.contains(f)) {
                throw new HubException(HubError.BAD_REQUEST, "unknown field '" + f + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    static String optionalParam(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = optionalParam(ctx, name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new HubException(HubError.BAD_REQUEST, "'" + name + "' must be an integer " + min + ".." + max);
        }
    }
}
