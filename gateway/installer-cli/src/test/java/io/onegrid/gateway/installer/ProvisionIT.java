package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.gateway.config.GatewayConfig;
import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onegrid-gateway provision} against the real hub jar, started as its own process with the demo grid: an
 * admin's claim code provisions a gateway whose stored credential then logs in over MQTT 5 (Eclipse Paho) and
 * brings it online at the claim's site; re-runs, wrong and used codes, and an interrupted run behave as documented.
 */
class ProvisionIT {
    @TempDir
    static Path work;
    static HubProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        // the per-code limit (5) is what the rate-limit test meets; the per-address one would make the tests depend on order
        hub = HubProcess.start(work.resolve("hub"), "--provision-max-failures-per-address", "1000");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    private record Run(int exit, String out, String err) { }

    private static Run provision(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ProvisionCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static MqttAsyncClient connect(String uri, String id, String secret) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    /**
     * GIVEN an installer's gateway.yaml with a device and a claim code for bldg-7 WHEN provision runs THEN it exits 0,
     * the secret is in hub-password with mode 0600, gateway.yaml loads with the gateway's parser and still has the device,
     * and the stored secret logs in over MQTT 5 and brings the gateway online at bldg-7 (a wrong password is refused);
     * a second run with the same code exits 0 with the hub's repeat answer and changes neither file.
     */
    @Test
    void claimCodeProvisionsAGatewayThatConnects() throws Exception {
        Path dir = work.resolve("etc-a");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("gateway.yaml"), """
                storage:
                  dir: %s
                gpio:
                  backend: simulator
                  simulator: 127.0.0.1:7021
                devices:
                  - id: smoke-302
                    profile: smoke-detector-gpio
                    address: smoke=flat302.smoke,siren=flat302.siren
                    site: bldg-7
                    unit: "302"
                """.formatted(work.resolve("var-a")));
        String code = hub.claim("bldg-7");

        Run first = provision("--hub", hub.url(), "--claim", code.toLowerCase(), "--config-dir", dir.toString(),
                "--gateway-id", "gw-prov-it-a");
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("made a new secret").contains("claimed: gateway gw-prov-it-a at site bldg-7");
        assertThat(first.err()).contains("plain http");
        Path password = dir.resolve("hub-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        String secret = Files.readString(password);
        assertThat(GatewaySecret.problem(secret)).isEmpty();
        assertThat(first.out() + first.err()).doesNotContain(secret);

        GatewayConfig config = new GatewayConfigParser(dir).parse(dir.resolve("gateway.yaml"));
        assertThat(config.gatewayId()).isEqualTo("gw-prov-it-a");
        assertThat(config.hub().uri()).isEqualTo("tcp://127.0.0.1:" + hub.mqttPort);
        assertThat(config.hub().passwordFile()).isEqualTo(password);
        assertThat(config.devices()).extracting(GatewayConfig.Device::id).containsExactly("smoke-302");

        assertThatThrownBy(() -> connect(config.hub().uri(), "gw-prov-it-a", "not-the-gateways-secret-000"))
                .isInstanceOf(MqttException.class);
        MqttAsyncClient gw = connect(config.hub().uri(), "gw-prov-it-a", secret);
        Timestamp now = new Timestamp(System.currentTimeMillis(), 1_000);
        MqttMessage birth = new MqttMessage(new EnvelopeCodec().encode(
                Envelope.of("gw-prov-it-a", "boot-1", 0, now, new Body.Birth("0.1.0", now, List.of()))));
        birth.setQos(1);
        IMqttToken sent = gw.publish(Topics.uplink("gw-prov-it-a", io.onegrid.protocol.MessageKind.BIRTH), birth);
        sent.waitForCompletion(10_000);
        org.awaitility.Awaitility.await("gateway online").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> hub.get("/api/gateways/gw-prov-it-a").path("state").asText().equals("online"));
        var seen = hub.get("/api/gateways/gw-prov-it-a");
        assertThat(seen.path("site").asText()).isEqualTo("bldg-7");
        gw.disconnect().waitForCompletion(5_000);
        gw.close();

        String yaml = Files.readString(dir.resolve("gateway.yaml"));
        Run again = provision("--hub", hub.url(), "--claim", code, "--config-dir", dir.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("using the secret stored in").contains("already claimed");
        assertThat(Files.readString(password)).isEqualTo(secret);
        assertThat(Files.readString(dir.resolve("gateway.yaml"))).isEqualTo(yaml);
    }

    /**
     * GIVEN a code that was never made, and a code another gateway used WHEN a fresh gateway provisions with them THEN
     * each exits 1 with its own one-line reason and writes no gateway.yaml.
     */
    @Test
    void wrongAndUsedCodesExitOneWithTheirReason() throws Exception {
        Path dir = work.resolve("etc-b");
        Run wrong = provision("--hub", hub.url(), "--claim", "0000-0000-00", "--config-dir", dir.toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("the claim code is wrong");
        assertThat(dir.resolve("gateway.yaml")).doesNotExist();

        String code = hub.claim("bldg-7");
        assertThat(provision("--hub", hub.url(), "--claim", code, "--config-dir", work.resolve("etc-c").toString()).exit())
                .isZero();
        Run used = provision("--hub", hub.url(), "--claim", code, "--config-dir", dir.toString());
        assertThat(used.exit()).isEqualTo(1);
        assertThat(used.err()).contains("was used already");
        assertThat(dir.resolve("gateway.yaml")).doesNotExist();
    }

    /**
     * GIVEN a run cut off after it stored its secret and the hub took the claim (no gateway.yaml yet) WHEN provision
     * runs again with the same code THEN it completes with the stored secret and writes the configuration.
     */
    @Test
    void interruptedRunCompletesWhenRunAgain() throws Exception {
        Path dir = work.resolve("etc-d");
        Files.createDirectories(dir);
        String secret = GatewaySecret.generate(new java.security.SecureRandom());
        PrivateFiles.write(dir.resolve("hub-password"), secret.getBytes(StandardCharsets.US_ASCII), PrivateFiles.SECRET_MODE);
        String code = hub.claim("bldg-7");
        var taken = hub.call("POST", "/api/provision", "{\"code\":\"" + code + "\",\"gatewayId\":\"gw-prov-it-d\",\"secret\":\""
                + secret + "\",\"clock\":\"" + java.time.Instant.now() + "\"}", null);
        assertThat(taken.path("_status").asInt()).as(taken.toString()).isEqualTo(201);

        Run rerun = provision("--hub", hub.url(), "--claim", code, "--config-dir", dir.toString(), "--gateway-id", "gw-prov-it-d");
        assertThat(rerun.exit()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("already claimed");
        assertThat(new GatewayConfigParser(dir).parse(dir.resolve("gateway.yaml")).gatewayId()).isEqualTo("gw-prov-it-d");
    }

    /**
     * GIVEN this gateway's clock 3h12m behind the hub's WHEN it provisions THEN it exits 1 saying by how much, and the
     * code is not spent: with the clock right the same code then works.
     */
    @Test
    void clockFarOffSaysByHowMuchAndSpendsNothing() throws Exception {
        Path dir = work.resolve("etc-skew");
        String code = hub.claim("bldg-7");
        StringWriter progress = new StringWriter();
        Provisioner behind = new Provisioner(new HubClient(HubEndpoint.of(hub.url(), null)),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(-192)),
                new java.security.SecureRandom(), new PrintWriter(progress, true));
        assertThatThrownBy(() -> behind.provision(new Provisioner.Request(code, dir, null, "gw-prov-it-skew")))
                .isInstanceOf(HubRefusedException.class)
                .hasMessageMatching("this gateway's clock is 3h1[12]m[0-9]*s? behind the hub's \\(at most 5m allowed\\); set the clock.*");
        assertThat(provision("--hub", hub.url(), "--claim", code, "--config-dir", dir.toString(), "--gateway-id",
                "gw-prov-it-skew").exit()).isZero();
    }

    /** GIVEN a wrong code tried again and again WHEN the hub's per-code limit is reached THEN provision says when to retry. */
    @Test
    void guessingIsRateLimitedWithWhenToRetry() {
        Path dir = work.resolve("etc-guess");
        Run last = null;
        for (int i = 0; i < 6; i++) {
            last = provision("--hub", hub.url(), "--claim", "ZZZZ-ZZZZ-ZZ", "--config-dir", dir.toString());
            assertThat(last.exit()).isEqualTo(1);
        }
        assertThat(last.err()).contains("too many failed attempts").containsPattern("retry in (9m[0-9]+s|10m)");
    }

    /**
     * GIVEN gateway id gw-prov-it-t claimed by one box WHEN another box (its own new secret) provisions with that id and a
     * fresh code THEN it exits 1 with gateway_taken's advice, and the code stays open for the right id.
     */
    @Test
    void gatewayIdTakenByAnotherBox() {
        String first = hub.claimUnchecked();
        assertThat(provision("--hub", hub.url(), "--claim", first, "--config-dir", work.resolve("etc-t1").toString(),
                "--gateway-id", "gw-prov-it-t").exit()).isZero();
        String second = hub.claimUnchecked();
        Run taken = provision("--hub", hub.url(), "--claim", second, "--config-dir", work.resolve("etc-t2").toString(),
                "--gateway-id", "gw-prov-it-t");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("already registered on the hub with another credential").contains("--gateway-id");
        assertThat(provision("--hub", hub.url(), "--claim", second, "--config-dir", work.resolve("etc-t2").toString(),
                "--gateway-id", "gw-prov-it-t2").exit()).isZero();
    }

    /** GIVEN nothing listens at the hub's address WHEN provision runs THEN it exits 1 saying the hub cannot be reached. */
    @Test
    void unreachableHubExitsOne() throws Exception {
        Run r = provision("--hub", "http://127.0.0.1:" + HubProcess.freePort(), "--claim", "0000-0000-00",
                "--config-dir", work.resolve("etc-e").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the hub");
    }

    /** GIVEN plain http to another machine, or no --claim WHEN provision runs THEN it exits 2 before sending anything. */
    @Test
    void usageErrorsExitTwo() {
        Run plain = provision("--hub", "http://hub.example.org", "--claim", "X", "--config-dir", work.resolve("etc-f").toString());
        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.err()).contains("use https://");
        assertThat(provision("--hub", hub.url()).exit()).isEqualTo(2);
        assertThat(work.resolve("etc-f")).doesNotExist();
    }
}
