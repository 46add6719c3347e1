package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.GatewayClock;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink's mutual TLS against a broker we did not write: Debian's mosquitto with require_certificate, checking
 * the gateway's client certificate (key and certificate made by openssl, the key as PKCS#8 PEM as provision writes
 * it). Skipped where mosquitto or openssl is missing.
 */
class MqttUplinkClientCertificateIT {
    private static final String GW = "gw-mtls-01";
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(100, 400, 100, 400, 42);
    private static final Duration REFUSED_FOR = Duration.ofMillis(1500);

    @TempDir
    static Path pkiDir;
    static TestPki ca;
    static TestPki.Server brokerCert;
    static Path gwCert;
    static Path gwKey;

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private SqliteOutbox outbox;
    private Subscriber hub;
    private MqttUplink uplink;

    @BeforeAll
    static void pki() throws Exception {
        MosquittoBroker.required();
        ca = TestPki.create(pkiDir.resolve("ca"), "OneGrid test gateway CA");
        brokerCert = ca.server("broker", "DNS:localhost,IP:127.0.0.1");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + GW,
                "-keyout", "gw.key", "-out", "gw.csr");
        Files.writeString(ca.dir.resolve("gw.ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=clientAuth\n");
        openssl("x509", "-req", "-in", "gw.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1",
                "-sha256", "-extfile", "gw.ext", "-out", "gw.crt");
        gwCert = ca.dir.resolve("gw.crt");
        gwKey = ca.dir.resolve("gw.key");
        assertThat(Files.readString(gwKey)).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TestPki.openssl()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ca.dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start(MosquittoBroker.required(), Files.createDirectories(dir.resolve("broker")), List.of(
                new MosquittoBroker.TlsListener(ca.caCert, brokerCert.cert(), brokerCert.key(), true)));
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(2), GatewayClock.SYSTEM);
        hub = new Subscriber(broker.uri());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) uplink.stop();
        if (hub != null) hub.close();
        if (outbox != null) outbox.close();
        if (broker != null) broker.close();
    }

    private void uplink(String certificate, String key) throws Exception {
        UplinkSettings s = new UplinkSettings(GW, broker.tlsUri(0), null, "", 5, 3600, ca.caCert.toString(), 16, 0, 50,
                certificate, key);
        WireEncoder encoder = new WireEncoder(GW, UUID.randomUUID().toString(), GatewayClock.SYSTEM, new EnvelopeCodec());
        uplink = new MqttUplink(s, encoder, outbox, List::of, id -> DeviceHealth.UNKNOWN, "0.1.0-test", FAST);
        uplink.start();
    }

    /** GIVEN a broker that requires a client certificate WHEN the uplink presents its certificate and key THEN its birth arrives. */
    @Test
    void clientCertificateConnects() throws Exception {
        uplink(gwCert.toString(), gwKey.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> !hub.ofKind(MessageKind.BIRTH).isEmpty());
    }

    /** GIVEN the same broker WHEN the uplink has no client certificate THEN it never connects: no birth. */
    @Test
    void withoutCertificateNoConnection() throws Exception {
        uplink("", "");
        await().during(REFUSED_FOR).atMost(REFUSED_FOR.plusSeconds(3)).until(() -> hub.received.isEmpty());
    }

    /** GIVEN a certificate without its key, or a tcp:// hub WHEN the settings are made THEN each is refused, saying why. */
    @Test
    void badCertificateSettingsAreRefused() {
        assertThatThrownBy(() -> new UplinkSettings(GW, "ssl://hub:8883", null, "", 5, 60, "", 16, 0, 50, gwCert.toString(), ""))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> new UplinkSettings(GW, "tcp://hub:1883", null, "", 5, 60, "", 16, 0, 50, gwCert.toString(),
                gwKey.toString())).hasMessageContaining("needs an ssl://");
        assertThatThrownBy(() -> TrustStores.socketFactory(null, gwCert, gwCert))
                .hasMessageContaining("not an unencrypted PKCS#8 PEM key").hasMessageContaining("openssl pkcs8");
    }
}
