package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway's heartbeat over real MQTT, read back over real HTTP on the demo grid: the gateway and device resources
 * show its backlog, quarantine, clock and each device's communication, to those whose part of the grid holds the
 * gateway, and to nobody else.
 */
class GatewayHealthIT {
    /** How far the test gateway's wall clock is ahead of the hub's. */
    private static final long AHEAD_MS = 120_000;

    @TempDir
    Path dir;
    HubFixture hub;
    MqttAsyncClient gateway;
    String admin;

    @BeforeEach
    void start() throws Exception {
        hub = HubFixture.start(dir);
        admin = hub.adminToken();
        hub.putGrid(GridFile.demoText(), admin);
        gateway = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
        Timestamp ts = new Timestamp(System.currentTimeMillis() + AHEAD_MS, 1_000);
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", 0, ts, new Body.Birth("0.1.0", ts, List.of(
                new Body.DeclaredDevice("hydrant-b7", "hydrant-pressure-modbus", new Location("bldg-7", null, "pump-room", null)),
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("bldg-7", "302"))))))).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.disconnect().waitForCompletion(5000);
        hub.close();
    }

    private JsonObject get(String path, String token) throws Exception {
        HttpResponse<String> r = hub.get(path, token);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    /**
     * GIVEN a heartbeat with a backlog whose oldest message waited a day, a quarantine, a synchronised clock 2 min
     * ahead of the hub, a degraded hydrant and a faulted smoke detector WHEN the community's operator reads the
     * gateway, the gateway list and the devices THEN each shows those figures; the offset is the send time against
     * the hub's, within the test's own delays.
     */
    @Test
    void heartbeatShownOnGatewayAndDevices() throws Exception {
        int rc = hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", 1,
                new Timestamp(System.currentTimeMillis() + AHEAD_MS, 3_600_000), new Body.Health(3_600_000, 12, 3, List.of(
                        new Body.DeviceStatus("hydrant-b7", true, Body.CommState.DEGRADED, 9_500L),
                        new Body.DeviceStatus("smoke-302", false, Body.CommState.DOWN, null)),
                        2, 640, 1, 86_400_000L, Body.ClockSync.SYNCED)));
        assertThat(rc).isZero(); // acknowledged after the commit: readable now
        String operator = hub.user("op-sg", "operator", "xh-bs-sg", admin);

        JsonObject g = get("/api/gateways/" + HubFixture.GW, operator);
        assertThat(g.getLong("backlog")).isEqualTo(12);
        assertThat(g.getLong("outboxDropped")).isEqualTo(3);
        assertThat(g.getLong("outboxOldestAgeMs")).isEqualTo(86_400_000L);
        assertThat(g.getLong("outboxQuarantined")).isEqualTo(2);
        assertThat(g.getLong("outboxQuarantinedBytes")).isEqualTo(640);
        assertThat(g.getLong("outboxQuarantineEvicted")).isEqualTo(1);
        assertThat(g.getLong("uptimeMs")).isEqualTo(3_600_000);
        assertThat(g.getString("clockSync")).isEqualTo("synced");
        assertThat(g.getLong("clockOffsetMs")).isCloseTo(AHEAD_MS, within(5_000L));
        assertThat(g.getString("healthAt")).isNotNull();
        JsonArray devices = g.getJsonArray("devices");
        assertThat(devices.getJsonObject(0).getString("commState")).isEqualTo("degraded");
        assertThat(devices.getJsonObject(0).getLong("lastReadingAgeMs")).isEqualTo(9_500L);
        assertThat(devices.getJsonObject(1).getString("commState")).isEqualTo("down");
        assertThat(devices.getJsonObject(1).getValue("lastReadingAgeMs")).isNull();
        assertThat(devices.getJsonObject(1).getBoolean("online")).isFalse();

        JsonObject listed = get("/api/gateways", operator).getJsonArray("items").getJsonObject(0);
        assertThat(listed.getLong("outboxOldestAgeMs")).isEqualTo(86_400_000L);
        JsonArray all = get("/api/devices", operator).getJsonArray("items");
        assertThat(all).hasSize(2);
        assertThat(all.getJsonObject(0).getString("commState")).isEqualTo("degraded");
        assertThat(all.getJsonObject(0).getString("healthAt")).isEqualTo(g.getString("healthAt"));
    }

    /**
     * GIVEN the gateway's heartbeat WHEN an operator of another street, and an installer of the gateway's street,
     * read gateways and devices THEN the other street gets 404 and empty lists, the installer sees the heartbeat;
     * without a login it is 401.
     */
    @Test
    void heartbeatScopedLikeItsGateway() throws Exception {
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", 1, new Timestamp(System.currentTimeMillis(), 5),
                new Body.Health(5, 1, 0, List.of(new Body.DeviceStatus("hydrant-b7", true, Body.CommState.OK, 50L)),
                        0, 0, 0, 7_000L, Body.ClockSync.UNKNOWN)))).isZero();
        String otherStreet = hub.user("op-ly", "operator", "xh-ly", admin);
        String installer = hub.user("inst-bs", "installer", "xh-bs", admin);

        assertThat(hub.get("/api/gateways/" + HubFixture.GW, otherStreet).statusCode()).isEqualTo(404);
        assertThat(get("/api/gateways", otherStreet).getJsonArray("items")).isEmpty();
        assertThat(get("/api/devices", otherStreet).getJsonArray("items")).isEmpty();
        assertThat(get("/api/gateways/" + HubFixture.GW, installer).getLong("outboxOldestAgeMs")).isEqualTo(7_000L);
        assertThat(get("/api/devices", installer).getJsonArray("items").getJsonObject(0).getLong("lastReadingAgeMs"))
                .isEqualTo(50L);
        assertThat(hub.get("/api/gateways/" + HubFixture.GW, null).statusCode()).isEqualTo(401);
    }
}
