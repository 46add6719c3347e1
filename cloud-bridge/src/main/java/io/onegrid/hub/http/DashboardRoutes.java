package io.onegrid.hub.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operators' dashboard (module {@code dashboard}) at {@code /}, from the hub's classpath, on the same
 * origin as the API so it needs nothing else installed and fetches nothing from the internet. Hashed assets
 * are cached for good; {@code index.html} is revalidated so a new hub version is picked up at the next load.
 * The security headers keep the page to its own origin: no inline or foreign script, no framing, and no
 * referrer (the live stream's URL carries the token).
 */
final class DashboardRoutes {
    static final String WEBROOT = "io/onegrid/dashboard/webroot";
    private static final String CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private DashboardRoutes() {
    }

    static void mount(Router r) {
        StaticHandler files = StaticHandler.create(WEBROOT).setCachingEnabled(true).setMaxAgeSeconds(365L * 24 * 3600)
                .setIndexPage("index.html").setDefaultContentEncoding("UTF-8");
        r.getWithRegex("^/(?!api/).*").handler(DashboardRoutes::headers).handler(files);
    }

    private static void headers(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        if (!path.startsWith("/assets/")) {
            // the StaticHandler's max-age is for the content-hashed assets only
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
        }
        ctx.next();
    }
}
