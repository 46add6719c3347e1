package io.onegrid.hub.http;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TelemetryStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/devices/{gateway}/{device}/readings?channel=&from=&to=}: one channel's kept readings, for the
 * chart around an alarm. Scoped like the gateway: one outside the caller's part of the grid is a 404. The
 * window is in the gateway's clock (an alarm's {@code raisedAt.wall}) and at most a day long.
 */
final class ReadingRoutes {
    private static final Duration MAX_WINDOW = Duration.ofDays(1);

    private final Vertx vertx;
    private final HubStore store;

    ReadingRoutes(Vertx vertx, HubStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    void mount(Router r) {
        r.get("/api/devices/:gateway/:device/readings").handler(this::readings);
    }

    private void readings(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        String gateway = ctx.pathParam("gateway");
        String device = ctx.pathParam("device");
        String channel = Requests.optionalParam(ctx, "channel");
        if (channel == null || channel.isBlank() || channel.length() > 200) {
            throw new HubException(HubError.BAD_REQUEST, "'channel' is required (a channel id of the device's profile)");
        }
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (!from.isBefore(to)) throw new HubException(HubError.BAD_REQUEST, "'from' must be before 'to'");
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new HubException(HubError.BAD_REQUEST, "the window from 'from' to 'to' is at most " + MAX_WINDOW.toHours() + " h");
        }
        int limit = Requests.intParam(ctx, "limit", 1000, 1, TelemetryStore.MAX_READINGS);
        var scope = Access.scope(s, store.grid());
        vertx.executeBlocking(() -> store.gateway(gateway, scope).isEmpty() ? null
                : store.readings(gateway, device, channel, from.toEpochMilli(), to.toEpochMilli(), limit), false)
                .onSuccess(list -> {
                    if (list == null) {
                        ctx.fail(new HubException(HubError.NOT_FOUND, "no gateway " + gateway));
                        return;
                    }
                    JsonArray items = new JsonArray();
                    list.forEach(r -> items.add(new JsonObject().put("at", Instant.ofEpochMilli(r.wallMs()).toString())
                            .put("wall", r.wallMs()).put("value", r.value()).put("unit", r.unit()).put("quality", r.quality())));
                    ctx.json(new JsonObject().put("gateway", gateway).put("device", device).put("channel", channel)
                            .put("items", items));
                }).onFailure(ctx::fail);
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String v = Requests.optionalParam(ctx, name);
        if (v == null) throw new HubException(HubError.BAD_REQUEST, "'" + name + "' is required (an ISO-8601 instant)");
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new HubException(HubError.BAD_REQUEST, "'" + name + "' must be an ISO-8601 instant such as 2026-12-01T08:00:00Z");
        }
    }
}
