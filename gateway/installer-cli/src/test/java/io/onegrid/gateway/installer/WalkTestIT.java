package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onegrid-gateway walktest} against the real hub jar: a gateway provisioned with a claim code (its MQTT 5
 * uplink played by Eclipse Paho, publishing the birth and device events the gateway would) is walk-tested; the hub
 * stores the report and marks the triggered devices commissioned.
 */
class WalkTestIT {
    private static final List<String> DEVICES = List.of("smoke-302", "hydrant-b7");
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    @TempDir
    static Path work;
    static HubProcess hub;
    private final AtomicLong seq = new AtomicLong();
    private MqttAsyncClient uplink;

    @BeforeAll
    static void startHub() throws Exception {
        hub = HubProcess.start(work.resolve("hub"));
        hub.call("POST", "/api/users", "{\"username\":\"inst-it\",\"password\":\"installer-password-1\",\"role\":\"installer\","
                + "\"scope\":\"xh-bs\",\"displayName\":\"IT installer\"}", hub.token());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    @AfterEach
    void disconnect() throws Exception {
        if (uplink != null && uplink.isConnected()) uplink.disconnect().waitForCompletion(5_000);
    }

    /** Provisions {@code id} with the real command, writes its two devices into gateway.yaml and connects its uplink with the stored secret. */
    private Path gateway(String id) throws Exception {
        Path dir = work.resolve(id);
        int exit = ProvisionCli.run(new String[] {"--hub", hub.url(), "--claim", hub.claim("bldg-7"), "--config-dir",
                dir.toString(), "--gateway-id", id}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(exit).isZero();
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, Files.readString(config).replace("devices: []", """
                gpio:
                  backend: simulator
                  simulator: 127.0.0.1:7021
                devices:
                  - id: smoke-302
                    profile: smoke-detector-gpio
                    address: smoke=flat302.smoke,siren=flat302.siren
                    site: bldg-7
                    unit: "302"
                  - id: hydrant-b7
                    profile: hydrant-pressure-modbus
                    address: 127.0.0.1:5020/1
                    site: bldg-7
                """).replace("/var/lib/onegrid", work.resolve("state-" + id).toString()));
        uplink = new MqttAsyncClient("tcp://127.0.0.1:" + hub.mqttPort, id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(Files.readString(dir.resolve("hub-password")).getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        uplink.connect(o).waitForCompletion(10_000);
        Timestamp now = now();
        publish(id, Envelope.of(id, "boot-1", seq.getAndIncrement(), now, new Body.Birth("0.1.0", now, List.of(
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", new Location("bldg-7", "302", null, null)),
                new Body.DeclaredDevice("hydrant-b7", "hydrant-pressure-modbus", new Location("bldg-7", null, null, null))))),
                MessageKind.BIRTH);
        await("online").atMost(Duration.ofSeconds(10))
                .until(() -> hub.get("/api/gateways/" + id).path("state").asText().equals("online"));
        return config;
    }

    private static Timestamp now() {
        return new Timestamp(System.currentTimeMillis(), System.nanoTime() / 1_000_000);
    }

    private void publish(String id, Envelope e, MessageKind kind) throws Exception {
        MqttMessage m = new MqttMessage(CODEC.encode(e));
        m.setQos(1);
        var token = uplink.publish(Topics.uplink(id, kind), m);
        token.waitForCompletion(10_000);
        int reason = token.getReasonCodes() == null ? 0 : token.getReasonCodes()[0];
        assertThat(reason).as("PUBACK of the %s; hub: %s", kind, hub.output()).isZero();
    }

    /** The gateway reporting a device event, which the hub counts as that device's trigger during a walk test. */
    private void trigger(String id, String device) throws Exception {
        publish(id, Envelope.of(id, "boot-1", seq.getAndIncrement(), now(),
                new Body.Event("button-pressed", device, Map.of("by", "walk test"))), MessageKind.EVENT);
    }

    private static boolean walkTestActive(String id) throws Exception {
        return hub.get("/api/gateways/" + id + "/walktest").path("active").asBoolean(false);
    }

    /**
     * GIVEN a provisioned gateway with two devices WHEN the walk test runs and both devices trigger THEN walktest ends by
     * itself, exits 0, prints and saves the hub's stored report, and the hub lists both devices commissioned.
     */
    @Test
    void everyDeviceTriggeredEndsTheWalkTestWithAFullReport() throws Exception {
        Path config = gateway("gw-walk-a");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = work.resolve("report-a.json");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> WalkTestCli.run(new String[] {"--hub", hub.url(),
                "--user", "inst-it", "--config", config.toString(), "--duration", "5m", "--report", report.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of(WalkTestCli.PASSWORD_ENV, "installer-password-1"), Clock.systemUTC()));
        await("walk test started").atMost(Duration.ofSeconds(20)).until(() -> walkTestActive("gw-walk-a"));
        trigger("gw-walk-a", "smoke-302");
        await("smoke-302 shown").atMost(Duration.ofSeconds(10)).until(() -> out.toString().matches("(?s).*smoke-302 +triggered at.*"));
        trigger("gw-walk-a", "hydrant-b7");

        assertThat(run.get(30, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("every device triggered").contains("every device was tested");
        assertThat(walkTestActive("gw-walk-a")).isFalse();
        JsonNode saved = HubClient.JSON.readTree(report.toFile());
        assertThat(saved.path("commissioned")).extracting(JsonNode::asText).containsExactlyInAnyOrder("smoke-302", "hydrant-b7");
        JsonNode devices = hub.get("/api/devices");
        assertThat(devices.path("items")).filteredOn(d -> d.path("gateway").asText().equals("gw-walk-a"))
                .allMatch(d -> d.path("commissioned").asBoolean()).hasSize(2);
    }

    /**
     * GIVEN a walk test running already for the gateway WHEN the installer stops after one device triggered THEN the hub
     * answered alreadyRunning (one walk test, extended), the report names the other device untested, and walktest exits 1.
     */
    @Test
    void stoppedEarlyReportsUntestedDevicesAndExitsOne() throws Exception {
        Path config = gateway("gw-walk-b");
        String installer = hub.login("inst-it", "installer-password-1");
        JsonNode first = hub.call("POST", "/api/gateways/gw-walk-b/walktest", "{\"duration\":\"2m\"}", installer);
        assertThat(first.path("_status").asInt()).as(first.toString()).isEqualTo(201);

        StringWriter out = new StringWriter();
        HubClient client = new HubClient(HubEndpoint.of(hub.url(), null));
        WalkTestSession[] session = new WalkTestSession[1];
        // the installer's Ctrl-C, once the live view has shown smoke-302 triggered
        WalkTestSession.Pause pause = d -> {
            if (out.toString().matches("(?s).*smoke-302 +triggered at.*")) session[0].stop();
            Thread.sleep(d.toMillis());
        };
        session[0] = new WalkTestSession(client, Clock.systemUTC(), pause, new Screen(new PrintWriter(out, true), false),
                new PrintWriter(out, true), ZoneOffset.UTC);
        CompletableFuture<WalkTestSession.Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return session[0].run(new WalkTestSession.Request("gw-walk-b", DEVICES, "inst-it", "installer-password-1",
                        Duration.ofMinutes(5)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("live view up").atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("hydrant-b7  waiting"));
        trigger("gw-walk-b", "smoke-302");

        WalkTestSession.Outcome outcome = run.get(30, TimeUnit.SECONDS);
        assertThat(out.toString()).contains("a walk test was running already");
        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.stored().path("untested")).extracting(JsonNode::asText).containsExactly("hydrant-b7");
        assertThat(outcome.stored().path("commissioned")).extracting(JsonNode::asText).containsExactly("smoke-302");
        assertThat(outcome.stored().path("walkTest").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(walkTestActive("gw-walk-b")).isFalse();
    }

    /**
     * GIVEN a gateway with a stored report WHEN the installer presses Ctrl-C before any device triggered THEN the walk
     * test is ended, no report is stored (the previous one stays the gateway's latest) and the outcome says so.
     */
    @Test
    void ctrlCBeforeAnyTriggerStoresNoReport() throws Exception {
        gateway("gw-walk-c");
        String installer = hub.login("inst-it", "installer-password-1");
        JsonNode before = hub.call("PUT", "/api/gateways/gw-walk-c/commissioning", "{\"devices\":[],\"notes\":\"first visit\"}",
                installer);
        assertThat(before.path("_status").asInt()).as(before.toString()).isEqualTo(200);

        StringWriter out = new StringWriter();
        WalkTestSession[] session = new WalkTestSession[1];
        WalkTestSession.Pause pause = d -> {
            session[0].stop(); // Ctrl-C during the first second of the live view
            Thread.sleep(d.toMillis());
        };
        session[0] = new WalkTestSession(new HubClient(HubEndpoint.of(hub.url(), null)), Clock.systemUTC(), pause,
                new Screen(new PrintWriter(out, true), false), new PrintWriter(out, true), ZoneOffset.UTC);
        WalkTestSession.Outcome outcome = session[0].run(new WalkTestSession.Request("gw-walk-c", DEVICES, "inst-it",
                "installer-password-1", Duration.ofMinutes(5)));

        assertThat(outcome.stored()).isNull();
        assertThat(out.toString()).contains("no commissioning report stored");
        assertThat(walkTestActive("gw-walk-c")).isFalse();
        assertThat(hub.call("GET", "/api/gateways/gw-walk-c/commissioning", null, installer).path("notes").asText())
                .isEqualTo("first visit");
    }
}
