package io.onegrid.hub.http;

import io.onegrid.hub.cases.Role;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.security.PasswordHasher;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.onegrid.hub.store.UserRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

/** {@code /api/users} and {@code /api/audit} (admins), {@code /api/me} and {@code /api/auth/logout} (everyone). */
final class UserRoutes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MIN_PASSWORD = Auth.MIN_PASSWORD;

    private final Vertx vertx;
    private final HubStore store;
    private final PasswordHasher hasher;

    UserRoutes(Vertx vertx, HubStore store, PasswordHasher hasher) {
        this.vertx = vertx;
        this.store = store;
        this.hasher = hasher;
    }

    void mount(Router r) {
        r.get("/api/me").handler(this::me);
        r.post("/api/auth/logout").handler(this::logout);
        r.get("/api/users").handler(this::list);
        r.post("/api/users").handler(this::create);
        r.patch("/api/users/:username").handler(this::update);
        r.get("/api/audit").handler(this::audit);
    }

    private void me(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        vertx.executeBlocking(() -> store.user(s.username()).map(UserRecord::displayName).orElse(null), false)
                .onSuccess(displayName -> ctx.json(new JsonObject().put("username", s.username())
                        .put("displayName", displayName).put("role", s.role().wireName())
                        .put("scope", s.scopeNode()).put("scopePath", Access.scope(s, store.grid()).pathPrefix())
                        .put("expiresAt", s.expiresAt().toString())))
                .onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        vertx.executeBlocking(() -> {
            store.deleteToken(s.tokenHash());
            return null;
        }, false).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Access.require(Access.session(ctx), Role.ADMIN);
        vertx.executeBlocking(store::users, false).onSuccess(users -> {
            JsonArray items = new JsonArray();
            users.forEach(u -> items.add(JsonViews.user(u)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN);
        JsonObject b = Requests.jsonBody(ctx);
        String username = Requests.requiredString(b, "username", 64);
        if (!NAME.matcher(username).matches()) {
            throw new HubException(HubError.BAD_REQUEST, "'username' must match " + NAME.pattern());
        }
        String password = Requests.requiredString(b, "password", 1024);
        if (password.length() < MIN_PASSWORD) {
            throw new HubException(HubError.BAD_REQUEST, "'password' must have at least " + MIN_PASSWORD + " characters");
        }
        String roleName = Requests.requiredString(b, "role", 32);
        Role role = Role.fromWire(roleName).orElseThrow(() -> new HubException(HubError.BAD_REQUEST,
                "'role' must be one of " + Arrays.stream(Role.values()).map(Role::wireName).toList()));
        Object scope = b.getValue("scope");
        if (scope != null && !(scope instanceof String)) throw new HubException(HubError.BAD_REQUEST, "'scope' must be a node id");
        if (scope != null && store.grid().node((String) scope).isEmpty()) {
            throw new HubException(HubError.BAD_REQUEST, "'scope' names no node of the grid: " + scope);
        }
        if (scope == null && role != Role.ADMIN) {
            throw new HubException(HubError.BAD_REQUEST, "a " + role.wireName() + " needs a 'scope' (a node of the grid); "
                    + "only admins see the whole grid");
        }
        Object dn = b.getValue("displayName");
        UserRecord u = new UserRecord(username, null, role, (String) scope, dn instanceof String d ? d : null);
        vertx.executeBlocking(() -> {
            boolean created = store.createUser(new UserRecord(u.username(), hasher.hash(password), u.role(), u.scopeNode(),
                    u.displayName()));
            if (created) store.audit(s.username(), "create user", "user:" + username, "role " + role.wireName()
                    + ", scope " + scope);
            return created;
        }, false).onSuccess(created -> {
            if (!created) ctx.fail(new HubException(HubError.CONFLICT, "user " + username + " exists"));
            else ctx.response().setStatusCode(201).end(JsonViews.user(u).encode());
        }).onFailure(ctx::fail);
    }

    /**
     * PATCH /api/users/{username} (admin): any of {@code password} (a reset: the user's sessions end),
     * {@code role}, {@code scope} (a node; null only for an admin), {@code displayName}, {@code disabled}
     * (true ends the sessions and refuses logins; users are never deleted, cases and the audit name them).
     */
    private void update(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Access.require(s, Role.ADMIN);
        String username = ctx.pathParam("username");
        JsonObject b = Requests.jsonBody(ctx);
        Requests.onlyFields(b, java.util.Set.of("password", "role", "scope", "displayName", "disabled"));
        if (b.isEmpty()) throw new HubException(HubError.BAD_REQUEST, "give at least one of password, role, scope, displayName, disabled");
        String password = null;
        if (b.containsKey("password")) {
            password = Requests.requiredString(b, "password", 1024);
            if (password.length() < MIN_PASSWORD) {
                throw new HubException(HubError.BAD_REQUEST, "'password' must have at least " + MIN_PASSWORD + " characters");
            }
        }
        Role role = null;
        if (b.containsKey("role")) {
            String roleName = Requests.requiredString(b, "role", 32);
            role = Role.fromWire(roleName).orElseThrow(() -> new HubException(HubError.BAD_REQUEST,
                    "'role' must be one of " + Arrays.stream(Role.values()).map(Role::wireName).toList()));
        }
        Object scope = b.getValue("scope");
        if (scope != null && !(scope instanceof String)) throw new HubException(HubError.BAD_REQUEST, "'scope' must be a node id or null");
        if (scope != null && store.grid().node((String) scope).isEmpty()) {
            throw new HubException(HubError.BAD_REQUEST, "'scope' names no node of the grid: " + scope);
        }
        Object dn = b.getValue("displayName");
        if (dn != null && !(dn instanceof String d && d.length() <= 200)) {
            throw new HubException(HubError.BAD_REQUEST, "'displayName' must be a string of at most 200 characters");
        }
        Object disabled = b.getValue("disabled");
        if (b.containsKey("disabled") && !(disabled instanceof Boolean)) throw new HubException(HubError.BAD_REQUEST, "'disabled' must be true or false");
        if (Boolean.TRUE.equals(disabled) && username.equals(s.username())) {
            throw new HubException(HubError.BAD_REQUEST, "you cannot disable yourself");
        }
        Role newRole = role;
        String newPassword = password;
        vertx.executeBlocking(() -> {
            // PBKDF2 takes long: never on the event loop
            String hash = newPassword == null ? null : hasher.hash(newPassword);
            UserRecord current = store.user(username).orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no user " + username));
            Role effective = newRole != null ? newRole : current.role();
            String effectiveScope = b.containsKey("scope") ? (String) scope : current.scopeNode();
            if (effectiveScope == null && effective != Role.ADMIN) {
                throw new HubException(HubError.BAD_REQUEST, "a " + effective.wireName() + " needs a 'scope' (a node of the grid); "
                        + "only admins see the whole grid");
            }
            return store.updateUser(username, new io.onegrid.hub.store.UserStore.UserChange(hash, newRole, b.containsKey("scope"),
                    (String) scope, (String) dn, (Boolean) disabled), s.username()).orElseThrow(
                    () -> new HubException(HubError.NOT_FOUND, "no user " + username));
        }, false).onSuccess(u -> ctx.json(JsonViews.user(u))).onFailure(ctx::fail);
    }

    private void audit(RoutingContext ctx) {
        Access.require(Access.session(ctx), Role.ADMIN);
        int limit = Requests.intParam(ctx, "limit", 100, 1, 1000);
        String from = Requests.optionalParam(ctx, "from");
        Instant since;
        try {
            since = from == null ? Instant.EPOCH : Instant.parse(from);
        } catch (RuntimeException e) {
            throw new HubException(HubError.BAD_REQUEST, "'from' must be an ISO-8601 time such as 2026-12-01T00:00:00Z");
        }
        vertx.executeBlocking(() -> store.auditLog(since, limit), false).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(a -> items.add(JsonViews.audit(a)));
            ctx.json(new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }
}
