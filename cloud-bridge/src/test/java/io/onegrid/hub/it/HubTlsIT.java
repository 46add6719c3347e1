package io.onegrid.hub.it;

import io.onegrid.testing.ThirdPartyPeers;
import io.onegrid.testing.TestPki;
import static io.onegrid.hub.it.HubFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.HubConfigParser;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT over TLS and HTTPS at the hub, with a CA and a server certificate for 127.0.0.1/localhost made at test
 * time by openssl (skipped where it is not installed). Clients: Eclipse Paho, java.net.http, and
 * mosquitto_pub where installed.
 */
class HubTlsIT {
    @TempDir
    static Path pkiDir;
    static TestPki ca;
    static TestPki otherCa;
    static TestPki.Server hubCert;

    @TempDir
    Path dir;
    HubFixture hub;
    final List<MqttAsyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        TestPki.openssl();
        ca = TestPki.create(pkiDir.resolve("ca"), "OneGrid test CA");
        hubCert = ca.server("hub", "DNS:localhost,IP:127.0.0.1");
        otherCa = TestPki.create(pkiDir.resolve("other"), "Someone else's CA");
    }

    @AfterEach
    void stop() throws Exception {
        for (MqttAsyncClient c : clients) {
            if (c.isConnected()) c.disconnect().waitForCompletion(2000);
            c.close(true);
        }
        if (hub != null) hub.close();
    }

    /** The hub with TLS from the given flags and env, as the command line would configure it. */
    private HubFixture startHub(Map<String, String> env, String... tlsFlags) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString()));
        args.addAll(List.of(tlsFlags));
        HubConfig config = HubConfigParser.parse(args.toArray(String[]::new), env).forTests(dir)
                .withGateways(List.of(new GatewayCredential(GW, GW_SECRET))).withAdminPassword(ADMIN_PASSWORD);
        hub = HubFixture.start(config, UnaryOperator.identity());
        return hub;
    }

    private HubFixture startPemHub() {
        return startHub(Map.of(), "--mqtt-tls-cert", hubCert.cert().toString(), "--mqtt-tls-key", hubCert.key().toString(),
                "--http-tls-cert", hubCert.cert().toString(), "--http-tls-key", hubCert.key().toString());
    }

    private String sslUri() {
        return "ssl://127.0.0.1:" + hub.hub.mqttPort();
    }

    private MqttAsyncClient mqtt(String uri) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, GW, new MemoryPersistence());
        clients.add(c);
        return c;
    }

    /** Connect options for the test gateway; {@code trust} null = the JVM's default trust store. */
    private static MqttConnectionOptions options(SSLContext trust) {
        MqttConnectionOptions o = HubFixture.options(GW, GW_SECRET);
        if (trust != null) o.setSocketFactory(trust.getSocketFactory());
        return o;
    }

    private HttpResponse<String> httpsGet(SSLContext trust, String path, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hub.hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String httpsLogin(SSLContext trust) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + hub.hub.httpPort() + "/api/auth/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
                        .put("password", ADMIN_PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private static boolean causedByHandshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) return true;
        }
        return false;
    }

    /**
     * GIVEN a hub with a PEM certificate and key on both listeners WHEN a Paho client that trusts the CA
     * publishes an alarm over ssl:// THEN it gets PUBACK 0x00 and the case is listed over HTTPS.
     */
    @Test
    void pemCertificateAlarmOverTlsCaseOverHttps() throws Exception {
        startPemHub();
        assertThat(hub.stdout.toString(StandardCharsets.UTF_8)).contains("(TLS)").contains("https://127.0.0.1:");

        MqttAsyncClient c = mqtt(sslUri());
        c.connect(options(ca.clientContext())).waitForCompletion(5000);
        assertThat(hub.publish(c, Envelopes.hydrantLow(GW, 1, "tls-1"))).isZero();

        HttpResponse<String> cases = httpsGet(ca.clientContext(), "/api/cases", httpsLogin(ca.clientContext()));
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(cases.body()).getJsonArray("items")).hasSize(1);
        assertThat(new JsonObject(cases.body()).getJsonArray("items").getJsonObject(0).getString("type"))
                .isEqualTo("fire.hydrant-pressure-low");
    }

    /**
     * GIVEN a hub with a PKCS#12 key store on both listeners, its password from the environment WHEN a
     * client trusting the CA connects THEN MQTT and HTTPS work.
     */
    @Test
    void pkcs12KeyStoreServesMqttAndHttps() throws Exception {
        startHub(Map.of("ONEGRID_HUB_MQTT_TLS_KEYSTORE_PASSWORD", hubCert.p12Password(),
                        "ONEGRID_HUB_HTTP_TLS_KEYSTORE_PASSWORD", hubCert.p12Password()),
                "--mqtt-tls-keystore", hubCert.p12().toString(), "--http-tls-keystore", hubCert.p12().toString());

        MqttAsyncClient c = mqtt(sslUri());
        c.connect(options(ca.clientContext())).waitForCompletion(5000);
        assertThat(hub.publish(c, Envelopes.hydrantLow(GW, 1, "tls-p12"))).isZero();
        assertThat(hub.hub.store().stats().cases()).isEqualTo(1);
        assertThat(httpsGet(ca.clientContext(), "/api/health", null).statusCode()).isEqualTo(200);
    }

    /**
     * GIVEN a TLS hub WHEN clients trust another CA, or only the JVM's public CAs THEN the TLS handshake
     * fails (MQTT and HTTPS) and nothing is stored.
     */
    @Test
    void clientNotTrustingTheCaFailsTheHandshake() throws Exception {
        startPemHub();

        for (SSLContext trust : new SSLContext[] {otherCa.clientContext(), null}) {
            MqttAsyncClient c = mqtt(sslUri());
            assertThatThrownBy(() -> c.connect(options(trust)).waitForCompletion(5000))
                    .isInstanceOf(MqttException.class)
                    .matches(HubTlsIT::causedByHandshakeFailure, "caused by an SSLHandshakeException");
        }
        assertThatThrownBy(() -> httpsGet(otherCa.clientContext(), "/api/health", null))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(hub.hub.store().stats().messages()).isZero();
    }

    /**
     * GIVEN a TLS hub WHEN a client speaks plain MQTT or plain HTTP to the TLS ports, with valid credentials
     * THEN the connection is closed without a CONNACK or HTTP response: no silent downgrade.
     */
    @Test
    void plainTcpToTheTlsPortIsRefused() throws Exception {
        startPemHub();

        MqttAsyncClient paho = mqtt("tcp://127.0.0.1:" + hub.hub.mqttPort());
        assertThatThrownBy(() -> paho.connect(options(null)).waitForCompletion(5000)).isInstanceOf(MqttException.class);
        assertThat(paho.isConnected()).isFalse();

        try (RawMqttClient raw = new RawMqttClient(hub.hub.mqttPort())) {
            assertThatThrownBy(() -> raw.connect(GW, GW, GW_SECRET)).isInstanceOf(IOException.class);
        }

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.hub.httpPort() + "/api/health")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        HttpResponse<String> health = httpsGet(ca.clientContext(), "/api/health", null);
        assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("ok");
    }

    /**
     * GIVEN a TLS hub WHEN mosquitto_pub (a TLS client we did not write, OpenSSL underneath) publishes an
     * alarm with --cafile of our CA THEN it succeeds and the alarm opens a case; with another CA it fails.
     */
    @Test
    void mosquittoPubOverTls() throws Exception {
        String mosquittoPub = ThirdPartyPeers.require("mosquitto_pub", "mosquitto-clients").toString();
        startPemHub();
        Path payload = Files.write(dir.resolve("alarm.json"), hub.encode(Envelopes.hydrantLow(GW, 1, "mosq-tls")));

        assertThat(mosquittoPub(mosquittoPub, otherCa.caCert, payload)).isNotZero();
        assertThat(hub.hub.store().stats().messages()).isZero();

        assertThat(mosquittoPub(mosquittoPub, ca.caCert, payload)).isZero();
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(1);
        assertThat(hub.hub.store().stats().cases()).isEqualTo(1);
    }

    private int mosquittoPub(String exe, Path cafile, Path payload) throws Exception {
        Process p = new ProcessBuilder(List.of(exe, "-V", "mqttv5", "--cafile", cafile.toString(), "-h", "127.0.0.1",
                "-p", String.valueOf(hub.hub.mqttPort()), "-i", GW, "-u", GW, "-P", GW_SECRET, "-q", "1",
                "-t", Topics.uplink(GW, MessageKind.ALARM), "-f", payload.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto_pub.log").toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mosquitto_pub hung");
        }
        return p.exitValue();
    }
}
