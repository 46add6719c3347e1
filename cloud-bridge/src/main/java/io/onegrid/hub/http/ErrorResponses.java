package io.onegrid.hub.http;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;

import io.onegrid.hub.store.StoreException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: {@code {"error":"code","message":"..."}} with the
 * status of the {@link HubError}. Unknown failures are logged and answered 500 without details.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() { }

    static void handle(RoutingContext ctx) {
        HubException e = translate(ctx.failure(), ctx.statusCode());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (e.error() == HubError.UNAUTHORIZED) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (e.details().get("retryAfterS") instanceof Number n) {
            ctx.response().putHeader("Retry-After", String.valueOf(n.longValue()));
        }
        ctx.response().setStatusCode(e.error().httpStatus())
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body(e).encode());
    }

    /** The one JSON error shape: {"error": code, "message": sentence, ...details}. */
    static JsonObject body(HubException e) {
        JsonObject o = new JsonObject().put("error", e.error().code()).put("message", e.getMessage());
        e.details().forEach((k, v) -> o.put(k, v instanceof java.util.List<?> l ? new io.vertx.core.json.JsonArray(
                new java.util.ArrayList<>(l)) : v));
        return o;
    }

    static HubException translate(Throwable t, int status) {
        if (t instanceof HubException he) return he;
        if (t instanceof DecodeException || t != null && t.getCause() instanceof DecodeException) {
            return new HubException(HubError.MALFORMED_JSON, "request body is not valid JSON");
        }
        if (t instanceof StoreException se && se.getCause() instanceof HubException he) return he;
        if (t instanceof StoreException se) {
            LOG.warn("database error serving a request: {}", se.getMessage());
            return new HubException(HubError.UNAVAILABLE, "the database is not available now; try again");
        }
        if (t == null) {
            return switch (status) {
                case 400 -> new HubException(HubError.BAD_REQUEST, "bad request");
                case 401 -> new HubException(HubError.UNAUTHORIZED, "log in first");
                case 403 -> new HubException(HubError.FORBIDDEN, "not allowed");
                case 404 -> new HubException(HubError.NOT_FOUND, "no such resource");
                case 413 -> new HubException(HubError.PAYLOAD_TOO_LARGE, "request body too large");
                default -> new HubException(status >= 500 ? HubError.INTERNAL : HubError.BAD_REQUEST, "request failed");
            };
        }
        LOG.error("unexpected error serving a request", t);
        return new HubException(HubError.INTERNAL, "internal error");
    }
}
