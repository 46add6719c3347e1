package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may command a gateway, over real HTTP on the demo grid: the gateway's birth places it in community xh-bs-sg;
 * its operator may send and list commands, an operator of another street gets 404 (as for anything outside one's
 * part of the grid), responders and installers who see the gateway get 403. Bad requests get 400 with the error
 * shape and record nothing.
 */
class CommandAccessIT {
    private static final String PASSWORD = "command-access-password";

    @TempDir
    Path dir;
    HubFixture hub;
    CommandGateway gateway;
    String admin;

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir);
        admin = hub.adminToken();
        HttpResponse<String> grid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/api/grid")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(GridFile.demoText()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grid.statusCode()).as(grid.body()).isEqualTo(200);
        user("op-sg", "operator", "xh-bs-sg");
        user("op-ly", "operator", "xh-ly");
        user("resp-sg", "responder", "xh-bs-sg");
        user("inst-bs", "installer", "xh-bs");
        MqttAsyncClient c = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
        Timestamp ts = new Timestamp(System.currentTimeMillis(), 1);
        assertThat(hub.publish(c, Envelope.of(HubFixture.GW, "boot-1", 0, ts, new Body.Birth("test", ts, List.of(
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("bldg-7", "302")))))))
                .isZero();
        c.disconnect().waitForCompletion(5000);
        c.close(true);
        gateway = new CommandGateway(hub, HubFixture.GW, HubFixture.GW_SECRET).connect();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        hub.close();
    }

    private void user(String name, String role, String scope) throws Exception {
        HttpResponse<String> r = hub.post("/api/users", new JsonObject().put("username", name).put("password", PASSWORD)
                .put("role", role).put("scope", scope).encode(), admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private int send(String user, String body) throws Exception {
        return hub.post("/api/gateways/" + HubFixture.GW + "/commands", body, hub.login(user, PASSWORD)).statusCode();
    }

    private int list(String user) throws Exception {
        return hub.get("/api/gateways/" + HubFixture.GW + "/commands", hub.login(user, PASSWORD)).statusCode();
    }

    /**
     * GIVEN the gateway placed in xh-bs-sg WHEN each kind of user sends ping and lists commands THEN the community's
     * operator gets 200 both times, the other street's operator 404, the responder and the installer 403; only the
     * operator's command reached the gateway.
     */
    @Test
    void onlyAdminsAndOperatorsInScope() throws Exception {
        String ping = "{\"command\":\"ping\"}";

        assertThat(send("op-sg", ping)).isEqualTo(200);
        assertThat(list("op-sg")).isEqualTo(200);
        assertThat(send("op-ly", ping)).isEqualTo(404);
        assertThat(list("op-ly")).isEqualTo(404);
        assertThat(send("resp-sg", ping)).isEqualTo(403);
        assertThat(list("resp-sg")).isEqualTo(403);
        assertThat(send("inst-bs", ping)).isEqualTo(403);
        assertThat(list("inst-bs")).isEqualTo(403);
        assertThat(hub.post("/api/gateways/gw-nowhere/commands", ping, admin).statusCode()).isEqualTo(404);

        assertThat(gateway.received).hasSize(1);
        JsonObject listed = new JsonObject(hub.get("/api/gateways/" + HubFixture.GW + "/commands", admin).body())
                .getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("sentBy")).isEqualTo("op-sg");
    }

    /** Each malformed request is a 400 bad_request naming its field, and nothing is sent or recorded. */
    @Test
    void badRequestsAreRefused() throws Exception {
        for (String body : List.of("{\"command\":\"Ping\"}", "{\"command\":\"ping\",\"args\":[1]}",
                "{\"command\":\"ping\",\"timeout\":\"2m\"}", "{\"command\":\"ping\",\"ttl\":\"2h\"}",
                "{\"command\":\"ping\",\"ttl\":5}", "{\"command\":\"ping\",\"colour\":\"red\"}", "{\"args\":{}}")) {
            HttpResponse<String> r = hub.post("/api/gateways/" + HubFixture.GW + "/commands", body, admin);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getString("error")).as(body).isEqualTo("bad_request");
        }
        assertThat(hub.post("/api/gateways/" + HubFixture.GW + "/commands", "not json", admin).statusCode()).isEqualTo(400);
        assertThat(gateway.received).isEmpty();
        assertThat(new JsonObject(hub.get("/api/gateways/" + HubFixture.GW + "/commands", admin).body())
                .getJsonArray("items")).isEmpty();
    }
}
