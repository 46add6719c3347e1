package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User accounts over the real HTTP API (hub on SQLite, demo grid): a user changes their own password, an admin
 * resets, re-scopes, disables and enables accounts, and the hub keeps an enabled admin.
 */
class UserAccountsIT {
    @TempDir
    Path dir;
    HubFixture hub;
    String admin;

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir.resolve("hub"));
        admin = hub.adminToken();
        hub.importDemoGrid(admin);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private int status(String method, String path, String body, String token) throws Exception {
        return hub.send(method, path, body, token).statusCode();
    }

    /**
     * GIVEN an installer signed in on a laptop and a phone WHEN they change their password on the laptop THEN a wrong
     * current password is refused (403) and a short one too (400); after the change the phone's session is over, the
     * laptop's goes on, the old password no longer logs in and the new one does.
     */
    @Test
    void aUserChangesTheirOwnPasswordAndOtherSessionsEnd() throws Exception {
        String laptop = hub.user("inst-bs", "installer", "xh-bs", admin);
        String phone = hub.login("inst-bs", "inst-bs-it-password");

        assertThat(status("PUT", "/api/me/password", "{\"currentPassword\":\"wrong-password-123\",\"newPassword\":\"a-new-password-1\"}",
                laptop)).isEqualTo(403);
        assertThat(status("PUT", "/api/me/password", "{\"currentPassword\":\"inst-bs-it-password\",\"newPassword\":\"short\"}",
                laptop)).isEqualTo(400);
        assertThat(status("PUT", "/api/me/password", "{\"currentPassword\":\"inst-bs-it-password\",\"newPassword\":\"a-new-password-1\"}",
                laptop)).isEqualTo(204);

        assertThat(status("GET", "/api/me", null, phone)).isEqualTo(401);
        assertThat(status("GET", "/api/me", null, laptop)).isEqualTo(200);
        assertThat(status("POST", "/api/auth/login", "{\"username\":\"inst-bs\",\"password\":\"inst-bs-it-password\"}", null))
                .isEqualTo(401);
        assertThat(hub.login("inst-bs", "a-new-password-1")).isNotBlank();
    }

    /**
     * GIVEN operators with the live event stream open WHEN the admin disables one, or moves another to another part of
     * the grid THEN the hub closes each stream within seconds (no events keep flowing by access someone lost; the
     * re-scoped one's events were chosen by the old scope), the disabled one's reconnect gets 401 and the re-scoped
     * one's reconnect is served by the new scope.
     */
    @Test
    void liveStreamsCloseWhenAccessChanges() throws Exception {
        String gone = hub.user("op-sg", "operator", "xh-bs-sg", admin);
        String moved = hub.user("op-ly", "operator", "xh-bs-sg", admin);
        java.util.concurrent.CompletableFuture<Boolean> goneEnded = streamEnds(gone);
        java.util.concurrent.CompletableFuture<Boolean> movedEnded = streamEnds(moved);

        assertThat(status("PATCH", "/api/users/op-sg", "{\"disabled\":true}", admin)).isEqualTo(200);
        assertThat(status("PATCH", "/api/users/op-ly", "{\"scope\":\"xh-ly\"}", admin)).isEqualTo(200);

        assertThat(goneEnded.get(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(movedEnded.get(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(events(gone)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(401);
        assertThat(new JsonObject(hub.get("/api/me", moved).body()).getString("scope")).isEqualTo("xh-ly");
    }

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    private java.net.URI events(String token) {
        return java.net.URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/api/events?access_token=" + token);
    }

    /** Opens the live stream as {@code token}; completes when the hub closes it. */
    private java.util.concurrent.CompletableFuture<Boolean> streamEnds(String token) throws Exception {
        HttpResponse<java.io.InputStream> stream = http.send(java.net.http.HttpRequest.newBuilder(events(token)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = stream.body()) {
                while (in.read() >= 0) { /* retry line and heartbeats until the hub closes it */ }
                return true;
            } catch (java.io.IOException e) {
                return true;
            }
        });
    }

    /**
     * GIVEN an operator who leaves the command centre WHEN the admin disables the account THEN the operator's session
     * ends at once, logging in is refused like a wrong password, and the user list shows it disabled; WHEN enabled
     * again with a reset password and a new scope THEN the new password logs in and the scope is the new one.
     * The admin can disable neither themselves nor demote the last admin.
     */
    @Test
    void anAdminDisablesResetsAndReScopesAndTheLastAdminStays() throws Exception {
        String op = hub.user("op-sg", "operator", "xh-bs-sg", admin);
        assertThat(status("GET", "/api/cases", null, op)).isEqualTo(200);

        HttpResponse<String> off = hub.send("PATCH", "/api/users/op-sg", "{\"disabled\":true}", admin);
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(new JsonObject(off.body()).getBoolean("disabled")).isTrue();
        assertThat(status("GET", "/api/cases", null, op)).isEqualTo(401);
        assertThat(status("POST", "/api/auth/login", "{\"username\":\"op-sg\",\"password\":\"op-sg-it-password\"}", null))
                .isEqualTo(401);
        JsonArray users = new JsonObject(hub.get("/api/users", admin).body()).getJsonArray("items");
        assertThat(users.stream().map(JsonObject.class::cast).filter(u -> u.getString("username").equals("op-sg")).findFirst()
                .orElseThrow().getString("disabledAt")).isNotBlank();

        HttpResponse<String> on = hub.send("PATCH", "/api/users/op-sg",
                "{\"disabled\":false,\"password\":\"fresh-password-77\",\"scope\":\"xh-ly\"}", admin);
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        String again = hub.login("op-sg", "fresh-password-77");
        assertThat(new JsonObject(hub.get("/api/me", again).body()).getString("scope")).isEqualTo("xh-ly");

        assertThat(status("PATCH", "/api/users/admin", "{\"disabled\":true}", admin)).isEqualTo(400);
        HttpResponse<String> demote = hub.send("PATCH", "/api/users/admin", "{\"role\":\"operator\",\"scope\":\"xh-bs\"}", admin);
        assertThat(demote.statusCode()).as(demote.body()).isEqualTo(409);
        assertThat(status("PATCH", "/api/users/op-sg", "{\"role\":\"responder\",\"scope\":null}", admin)).isEqualTo(400);
        assertThat(status("PATCH", "/api/users/nobody", "{\"displayName\":\"x\"}", admin)).isEqualTo(404);
        assertThat(status("PATCH", "/api/users/op-sg", "{\"disabled\":true}", again)).as("operators manage no one").isEqualTo(403);
        assertThat(status("PATCH", "/api/users/op-sg", "{\"colour\":\"red\"}", admin)).isEqualTo(400);
    }
}
