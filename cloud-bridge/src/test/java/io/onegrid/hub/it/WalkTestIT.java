package io.onegrid.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walk tests and commissioning against the real hub, a Paho MQTT 5 gateway and a real webhook receiver, on an
 * injected clock: alarms during a walk test are recorded per device with their round trip but open no case, tell
 * nobody and send no webhook; the walk test ends by itself; the commissioning report merges with what the hub saw
 * and marks devices commissioned; installers never see residents.
 */
class WalkTestIT {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    HubFixture hub;
    WebhookReceiver receiver;
    MqttAsyncClient gateway;
    String admin;
    String installer;
    long seq;
    /** The gateway's wall clock at its birth (mono 1000). */
    long bootWall;

    @BeforeEach
    void start() throws Exception {
        HubConfig config = HubFixture.config(dir)
                .withCases(new HubConfig.CaseSettings(Optional.empty(), Optional.empty(), Duration.ofHours(2),
                        Duration.ofHours(2), Duration.ofSeconds(10)))
                .withWebhooks(new HubConfig.WebhookSettings(Duration.ofSeconds(2), 5, Duration.ofMillis(100),
                        Duration.ofMillis(400), 16, 1, Optional.empty()));
        hub = HubFixture.start(config, clock);
        admin = hub.adminToken();
        hub.putGrid(GridFile.demoText(), admin);
        installer = hub.user("inst-bs", "installer", "xh-bs", admin);
        receiver = new WebhookReceiver();
        HttpResponse<String> w = hub.post("/api/webhooks", new JsonObject().put("url", receiver.url("/in")).put("node", "xh")
                .put("caseTypes", new JsonArray()).put("secret", "webhook-secret-for-tests-0001").encode(), admin);
        assertThat(w.statusCode()).as(w.body()).isEqualTo(201);
        gateway = hub.connect(HubFixture.GW, HubFixture.GW_SECRET);
        bootWall = clock.millis();
        Timestamp ts = new Timestamp(bootWall, 1_000);
        assertThat(hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", seq++, ts, new Body.Birth("0.1.0", ts, List.of(
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("bldg-7", "302")),
                new Body.DeclaredDevice("hydrant-b7", "hydrant-pressure-modbus", new Location("bldg-7", null, "pump-room", null))))))).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.disconnect().waitForCompletion(5000);
        hub.close();
        receiver.close();
    }

    /** Raises smoke in flat 302 (naming its resident), sent {@code lagMs} after the gateway saw it; returns the PUBACK code. */
    private int smoke(long lagMs) throws Exception {
        long s = seq++;
        // mono runs with the injected clock since the birth, as it would on the gateway
        Timestamp ts = new Timestamp(clock.millis() - lagMs, 1_000 + clock.millis() - lagMs - bootWall);
        WireReading r = new WireReading("smoke-302", "smoke", true, null, WireReading.Quality.GOOD, ts);
        return hub.publish(gateway, Envelope.of(HubFixture.GW, "boot-1", s, ts, new Body.Alarm("a-" + s, "smoke-302", "smoke",
                Body.Transition.RAISED, "CRITICAL", "fire.smoke", new Location("bldg-7", "302", null, "res-302"), ts,
                "smoke in 302", List.of(r))));
    }

    private JsonObject json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    private JsonObject walkTest(String body, int status) throws Exception {
        return json(hub.post("/api/gateways/" + HubFixture.GW + "/walktest", body, installer), status);
    }

    /**
     * GIVEN a walk test started, and started again with a longer duration WHEN smoke is raised in 302 THEN the second
     * start extends the first (200, same id), the alarm is acknowledged and recorded for smoke-302 with its value and
     * an 80 ms round trip, no case opens and no webhook is sent; once the walk test has ended by itself the next
     * smoke opens a case and its webhook is the only one sent.
     */
    @Test
    void walkTestAlarmsOpenNoCaseUntilItEndsByItself() throws Exception {
        JsonObject first = walkTest("{\"duration\":\"30m\"}", 201);
        assertThat(Instant.parse(first.getString("endsAt"))).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        JsonObject again = walkTest("{\"duration\":\"45m\"}", 200);
        assertThat(again.getLong("id")).isEqualTo(first.getLong("id"));
        assertThat(again.getBoolean("alreadyRunning")).isTrue();
        assertThat(Instant.parse(again.getString("endsAt"))).isEqualTo(clock.instant().plus(Duration.ofMinutes(45)));
        assertThat(json(hub.get("/api/gateways/" + HubFixture.GW, installer), 200).getJsonObject("walkTest")
                .getBoolean("active")).isTrue();

        clock.advance(Duration.ofSeconds(5));
        assertThat(smoke(80)).isZero();

        JsonObject seen = json(hub.get("/api/gateways/" + HubFixture.GW + "/walktest", installer), 200);
        JsonObject smoke = seen.getJsonArray("devices").getJsonObject(0);
        assertThat(smoke.getString("device")).isEqualTo("smoke-302");
        assertThat(smoke.getString("trigger")).isEqualTo("alarm");
        assertThat(smoke.getString("value")).isEqualTo("smoke=true");
        assertThat(smoke.getLong("roundTripMs")).isEqualTo(80);
        assertThat(seen.getJsonArray("notSeen")).containsExactly("hydrant-b7");
        assertThat(json(hub.get("/api/cases", admin), 200).getLong("total")).isZero();

        clock.advance(Duration.ofMinutes(46));
        assertThat(json(hub.get("/api/gateways/" + HubFixture.GW, installer), 200).getJsonObject("walkTest")
                .getBoolean("active")).isFalse();
        assertThat(smoke(50)).isZero();
        JsonArray cases = json(hub.get("/api/cases", admin), 200).getJsonArray("items");
        assertThat(cases).hasSize(1);
        long caseId = cases.getJsonObject(0).getLong("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.requests.isEmpty());
        assertThat(receiver.requests).allSatisfy(r -> assertThat(new JsonObject(r.body()).getJsonObject("case")
                .getLong("id")).isEqualTo(caseId));
    }

    /**
     * GIVEN a walk test in which the hub saw smoke-302 WHEN the installer submits a report (smoke-302 tested, hydrant-b7
     * untested), after a refused one naming an undeclared device THEN the report merges both views, marks smoke-302
     * commissioned (shown on /api/devices), is what operators read back, and the refused one stored nothing.
     */
    @Test
    void commissioningReportMergesAndMarksDevices() throws Exception {
        walkTest("{}", 201);
        clock.advance(Duration.ofSeconds(3));
        assertThat(smoke(80)).isZero();
        String path = "/api/gateways/" + HubFixture.GW + "/commissioning";

        JsonObject bad = json(hub.send("PUT", path, "{\"devices\":[{\"device\":\"nope\"}]}", installer), 400);
        assertThat(bad.getJsonArray("problems")).containsExactly("device nope is not declared by gateway " + HubFixture.GW);
        assertThat(hub.get(path, installer).statusCode()).isEqualTo(404);

        String report = new JsonObject().put("devices", new JsonArray().add(new JsonObject().put("device", "smoke-302")
                        .put("triggeredAt", clock.instant().minusMillis(80).toString()).put("value", "smoke=true")
                        .put("roundTripMs", 95)))
                .put("untested", new JsonArray().add("hydrant-b7")).put("notes", "pump room locked").encode();
        JsonObject stored = json(hub.send("PUT", path, report, installer), 200);
        assertThat(stored.getJsonArray("commissioned")).containsExactly("smoke-302");
        assertThat(stored.getJsonArray("untested")).containsExactly("hydrant-b7");
        JsonObject d = stored.getJsonArray("devices").getJsonObject(0);
        assertThat(d.getJsonArray("seenBy")).containsExactly("gateway", "hub");
        assertThat(d.getLong("roundTripMs")).isEqualTo(80);
        assertThat(d.getJsonObject("gateway").getLong("roundTripMs")).isEqualTo(95);

        String operator = hub.user("op-sg", "operator", "xh-bs-sg", admin);
        assertThat(json(hub.get(path, operator), 200).getLong("id")).isEqualTo(stored.getLong("id"));
        JsonArray devices = json(hub.get("/api/devices", operator), 200).getJsonArray("items");
        assertThat(devices.stream().map(JsonObject.class::cast).filter(x -> x.getBoolean("commissioned"))
                .map(x -> x.getString("id")).toList()).containsExactly("smoke-302");
    }

    /**
     * GIVEN the gateway at bldg-7 WHEN an operator, another street's installer, a too-long duration, and the installer
     * act on its walk test THEN 403, 404, 400, and for the installer an ended walk test (a second end says nothing
     * was running); through all of it the installer's answers never carry the resident of flat 302.
     */
    @Test
    void walkTestAccessAndNoPersonalData() throws Exception {
        String operator = hub.user("op-bs", "operator", "xh-bs", admin);
        String otherInstaller = hub.user("inst-ly", "installer", "xh-ly", admin);
        String url = "/api/gateways/" + HubFixture.GW + "/walktest";
        assertThat(hub.post(url, "{}", operator).statusCode()).isEqualTo(403);
        assertThat(hub.post(url, "{}", otherInstaller).statusCode()).isEqualTo(404);
        assertThat(json(hub.post(url, "{\"duration\":\"9h\"}", installer), 400).getString("message")).contains("4h");
        assertThat(json(hub.post(url, "{\"lenght\":\"1h\"}", installer), 400).getString("message")).contains("lenght");
        walkTest("{\"duration\":\"10m\"}", 201);
        clock.advance(Duration.ofSeconds(1));
        assertThat(smoke(20)).isZero();

        JsonObject ended = json(hub.send("DELETE", url, null, installer), 200);
        assertThat(ended.getBoolean("ended")).isTrue();
        assertThat(ended.getBoolean("active")).isFalse();
        assertThat(json(hub.send("DELETE", url, null, installer), 200).getBoolean("ended")).isFalse();

        assertThat(hub.get("/api/cases", installer).statusCode()).isEqualTo(403);
        for (String p : List.of(url, "/api/gateways/" + HubFixture.GW, "/api/devices", "/api/gateways")) {
            String body = json(hub.get(p, installer), 200).encode();
            assertThat(body).doesNotContain("Wang").doesNotContain("1302").doesNotContain("res-302");
        }
    }
}
