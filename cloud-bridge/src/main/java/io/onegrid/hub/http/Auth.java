package io.onegrid.hub.http;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;

import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.hub.store.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Login and bearer tokens. A token is 256 random bits handed out once; the hub stores only its SHA-256
 * hash with an expiry. Login failures are counted per (user name, remote address) and, more loosely, per
 * remote address; a login that would exceed either is refused (429) before its password is checked. So a
 * guesser elsewhere cannot lock a user out, and one address cannot spray many user names.
 */
final class Auth {
    static final String SESSION_KEY = "onegrid.session";
    /** The shortest password a user may set (new users too, UserRoutes). */
    static final int MIN_PASSWORD = 12;

    private final Vertx vertx;
    private final HubStore store;
    private final PasswordHasher hasher;
    private final Secrets secrets;
    private final AttemptLimiter limiter;
    private final AuthLimits limits;
    private final Duration tokenTtl;
    private final Clock clock;
    private final String dummyHash;

    Auth(Vertx vertx, HubStore store, PasswordHasher hasher, Secrets secrets, AttemptLimiter limiter,
         AuthLimits limits, Duration tokenTtl, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.hasher = hasher;
        this.secrets = secrets;
        this.limiter = limiter;
        this.limits = limits;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
        this.dummyHash = hasher.hash(secrets.password(24));
    }

    /** POST /api/auth/login */
    void login(RoutingContext ctx) {
        JsonObject body = Requests.jsonBody(ctx);
        String username = Requests.requiredString(body, "username", 64);
        String password = Requests.requiredString(body, "password", 1024);
        String address = remoteHost(ctx.request().remoteAddress());
        // reserved before the slow check, so concurrent guesses cannot all slip in before one fails
        AttemptLimiter.Attempt attempt = reserve(username, address, "too many failed logins");
        Future<JsonObject> f = vertx.executeBlocking(() -> {
            Optional<UserRecord> user = store.user(username);
            // a disabled account is refused like a wrong password, after the same one PBKDF2
            boolean ok = hasher.verify(password, user.map(UserRecord::passwordHash).orElse(dummyHash)) && user.isPresent()
                    && !user.get().disabled();
            if (!ok) {
                attempt.failed();
                return null;
            }
            attempt.succeeded();
            String token = secrets.token();
            Instant expires = clock.instant().plus(tokenTtl);
            store.storeToken(PasswordHasher.sha256(token), username, expires);
            return new JsonObject().put("token", token).put("expiresAt", expires.toString())
                    .put("username", username).put("role", user.get().role().wireName())
                    .put("scope", user.get().scopeNode());
        }, false);
        f.onSuccess(json -> {
            if (json == null) {
                ctx.fail(new HubException(HubError.UNAUTHORIZED, "invalid user name or password"));
            } else {
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.json(json);
            }
        }).onFailure(e -> {
            attempt.abandoned(); // no verdict (database down): the reservation must not stay taken
            ctx.fail(e);
        });
    }

    /**
     * PUT /api/me/password {@code {"currentPassword","newPassword"}}: the current one is checked under the same
     * limits as a login (a stolen session cannot guess it), the new one needs {@value #MIN_PASSWORD} characters and
     * must differ; every other session of the user ends. 204.
     */
    void changePassword(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        JsonObject body = Requests.jsonBody(ctx);
        Requests.onlyFields(body, java.util.Set.of("currentPassword", "newPassword"));
        String current = Requests.requiredString(body, "currentPassword", 1024);
        String next = Requests.requiredString(body, "newPassword", 1024);
        if (next.length() < MIN_PASSWORD) {
            throw new HubException(HubError.BAD_REQUEST, "'newPassword' must have at least " + MIN_PASSWORD + " characters");
        }
        if (next.equals(current)) throw new HubException(HubError.BAD_REQUEST, "'newPassword' must differ from the current one");
        String address = remoteHost(ctx.request().remoteAddress());
        AttemptLimiter.Attempt attempt = reserve(s.username(), address, "too many wrong passwords");
        vertx.executeBlocking(() -> {
            Optional<UserRecord> user = store.user(s.username());
            if (user.isEmpty() || !hasher.verify(current, user.get().passwordHash())) {
                attempt.failed();
                return false;
            }
            attempt.succeeded();
            store.changeOwnPassword(s.username(), hasher.hash(next), s.tokenHash());
            return true;
        }, false).onSuccess(changed -> {
            if (changed) ctx.response().setStatusCode(204).end();
            else ctx.fail(new HubException(HubError.FORBIDDEN, "the current password is not right"));
        }).onFailure(e -> {
            attempt.abandoned();
            ctx.fail(e);
        });
    }

    /**
     * A place in the limits for one password check of {@code username} from {@code address} (a user's failures
     * from one address, and one address's over all users); refused with when to retry (retryAfterS, Retry-After).
     */
    private AttemptLimiter.Attempt reserve(String username, String address, String refusal) {
        AttemptLimiter.Limit[] keys = {
                new AttemptLimiter.Limit("user\0" + username + "\0" + address, limits.maxFailures(), true),
                new AttemptLimiter.Limit("addr\0" + address, limits.maxFailuresPerAddress(), false)};
        return limiter.begin(keys).orElseThrow(() -> {
            long s = Math.max(1, (limiter.retryAfter(keys).toMillis() + 999) / 1000);
            return new HubException(HubError.RATE_LIMITED, refusal + "; try again in " + s + " s",
                    java.util.Map.of("retryAfterS", s));
        });
    }

    static String remoteHost(SocketAddress a) {
        return a == null || a.host() == null ? "unknown" : a.host();
    }

    /** Requires a valid bearer token on everything after it. */
    void requireToken(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String query = ctx.request().getParam("access_token");
        if (header == null && query != null && ctx.request().path().equals("/api/events")) {
            header = "Bearer " + query; // EventSource cannot send headers; only the stream takes a token in its URL
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
            ctx.fail(new HubException(HubError.UNAUTHORIZED, "send Authorization: Bearer <token> (get one from POST /api/auth/login)"));
            return;
        }
        String hash = PasswordHasher.sha256(header.substring(7).trim());
        vertx.executeBlocking(() -> store.tokenSession(hash, clock.instant()), false).onSuccess(s -> {
            if (s.isEmpty()) {
                ctx.fail(new HubException(HubError.UNAUTHORIZED, "token invalid or expired; log in again"));
            } else {
                ctx.put(SESSION_KEY, s.get());
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    /** Requires the admin role (after {@link #requireToken}). */
    static void requireAdmin(RoutingContext ctx) {
        TokenSession s = ctx.get(SESSION_KEY);
        if (s == null || s.role() != io.onegrid.hub.cases.Role.ADMIN) {
            ctx.fail(new HubException(HubError.FORBIDDEN, "this needs the admin role"));
            return;
        }
        ctx.next();
    }
}
