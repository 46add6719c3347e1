package io.onegrid.uplink;

import io.onegrid.testing.TestPki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink over TLS to a broker we did not write (Debian's mosquitto with cafile/certfile/keyfile), with
 * certificates made at test time by openssl. The test "hub" reads on the broker's plain listener. Skipped
 * where mosquitto or openssl is not installed.
 */
class MqttUplinkTlsIT {
    private static final String GW = "gw-tls-01";
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(100, 400, 100, 400, 42);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a refused uplink is watched: several reconnect attempts at {@link #FAST}'s 100..400 ms. */
    private static final Duration REFUSED_FOR = Duration.ofMillis(1500);
    private static final int GOOD_LISTENER = 0;
    private static final int OTHER_NAME_LISTENER = 1;

    @TempDir
    static Path pkiDir;
    static TestPki ca;
    static TestPki otherCa;
    static TestPki.Server brokerCert;
    static TestPki.Server otherNameCert;

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private SqliteOutbox outbox;
    private WireEncoder encoder;
    private Subscriber hub;
    private MqttUplink uplink;

    @BeforeAll
    static void pki() throws Exception {
        MosquittoBroker.required();
        TestPki.openssl();
        ca = TestPki.create(pkiDir.resolve("ca"), "OneGrid test CA");
        brokerCert = ca.server("broker", "DNS:localhost,IP:127.0.0.1");
        // signed by the trusted CA, but for a name the gateway does not use
        otherNameCert = ca.server("other-name", "DNS:other.example.org");
        otherCa = TestPki.create(pkiDir.resolve("other"), "Someone else's CA");
    }

    @BeforeEach
    void start() throws Exception {
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        broker = MosquittoBroker.start(MosquittoBroker.required(), brokerDir, List.of(
                new MosquittoBroker.TlsListener(ca.caCert, brokerCert.cert(), brokerCert.key()),
                new MosquittoBroker.TlsListener(ca.caCert, otherNameCert.cert(), otherNameCert.key())));
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(2), GatewayClock.SYSTEM);
        encoder = new WireEncoder(GW, UUID.randomUUID().toString(), GatewayClock.SYSTEM, new EnvelopeCodec());
        hub = new Subscriber(broker.uri());
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) uplink.stop();
        if (hub != null) hub.close();
        if (outbox != null) outbox.close();
        if (broker != null) broker.close();
    }

    private void uplink(String uri, Path truststore) throws Exception {
        UplinkSettings s = new UplinkSettings(GW, uri, null, "not-checked-by-this-broker", 5, 3600,
                truststore.toString(), 16, 0, 50);
        uplink = new MqttUplink(s, encoder, outbox, List::of, id -> DeviceHealth.UNKNOWN, "0.1.0-test", FAST);
        uplink.start();
    }

    private void appendReadings(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            outbox.append(encoder.telemetry(List.of(new Reading("hydrant-b7", "pressure", 0.3 + i, "MPa",
                    Quality.GOOD, 1L, 1L))));
        }
    }

    /**
     * GIVEN a broker whose TLS certificate for 127.0.0.1 is signed by our CA WHEN the uplink connects over
     * ssl:// with truststorePath = the CA's PEM file THEN the birth arrives and the outbox drains.
     */
    @Test
    void trustedCaConnectsBirthThenOutboxDrains() throws Exception {
        appendReadings(3);

        uplink(broker.tlsUri(GOOD_LISTENER), ca.caCert);

        await().atMost(WAIT).until(() -> hub.ofKind(MessageKind.TELEMETRY).size() == 3);
        assertThat(hub.received.get(0).kind()).isEqualTo(MessageKind.BIRTH);
        await().atMost(WAIT).until(() -> outbox.stats().pending() == 0);
    }

    /**
     * GIVEN the same broker WHEN the uplink trusts another CA THEN it never connects (no birth) and the outbox
     * keeps its messages.
     */
    @Test
    void untrustedCertificateNoConnectionOutboxKeepsMessages() throws Exception {
        appendReadings(3);

        uplink(broker.tlsUri(GOOD_LISTENER), otherCa.caCert);

        await().during(REFUSED_FOR).atMost(REFUSED_FOR.plusSeconds(3)).until(() -> hub.received.isEmpty() && outbox.stats().pending() == 3);
    }

    /**
     * GIVEN a listener whose certificate is signed by the trusted CA but names another host WHEN the uplink
     * connects to it by 127.0.0.1 THEN hostname verification refuses it: no birth, the outbox keeps its messages.
     */
    @Test
    void certificateForAnotherHostIsRefused() throws Exception {
        appendReadings(3);

        uplink(broker.tlsUri(OTHER_NAME_LISTENER), ca.caCert);

        await().during(REFUSED_FOR).atMost(REFUSED_FOR.plusSeconds(3)).until(() -> hub.received.isEmpty() && outbox.stats().pending() == 3);
    }
}
