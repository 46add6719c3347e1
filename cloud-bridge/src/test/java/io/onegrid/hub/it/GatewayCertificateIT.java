package io.onegrid.hub.it;

import static io.onegrid.hub.it.HubFixture.ADMIN_PASSWORD;
import static io.onegrid.hub.it.HubFixture.GW;
import static io.onegrid.hub.it.HubFixture.GW_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.HubConfigParser;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.security.TestCertificates;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import io.onegrid.testing.TestPki;
import io.onegrid.testing.ThirdPartyPeers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates signed by the hub's own gateway CA at claim time, end to end over TLS: the gateway's key and CSR
 * are made by openssl, the hub signs at {@code POST /api/provision}, and the certificate logs in with Eclipse Paho and
 * with mosquitto_pub (OpenSSL underneath); a certificate of another CA, an expired one, one for another gateway, one
 * with a serial the hub did not issue and a revoked one are refused, and a password gateway still logs in. One hub
 * for the class: its start and the PKI cost more than every check together.
 */
class GatewayCertificateIT {
    private static final String GW_CERT = "gw-cert-01";
    @TempDir
    static Path dir;
    static TestPki serverPki;
    static HubFixture hub;
    static String admin;
    static Path gwKey;
    static Path gwCert;
    static Path hubCa;
    static final List<MqttAsyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void provision() throws Exception {
        serverPki = TestPki.create(dir.resolve("server-pki"), "OneGrid test CA");
        TestPki.Server server = serverPki.server("hub", "DNS:localhost,IP:127.0.0.1");
        Path data = dir.resolve("hub");
        HubConfig config = HubConfigParser.parse(new String[] {"--data-dir", data.toString(), "--mqtt-tls-cert",
                server.cert().toString(), "--mqtt-tls-key", server.key().toString()}, java.util.Map.of()).forTests(data)
                .withGateways(List.of(new GatewayCredential(GW, GW_SECRET))).withAdminPassword(ADMIN_PASSWORD);
        hub = HubFixture.start(config, UnaryOperator.identity());
        admin = hub.adminToken();
        hub.putGrid(GridFile.demoText(), admin);
        hubCa = data.resolve("gateway-ca.pem");

        Path gw = Files.createDirectories(dir.resolve("gw"));
        run(TestPki.openssl(), gw, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=anything", "-keyout", "gw.key", "-out", "gw.csr");
        gwKey = gw.resolve("gw.key");
        String code = claimCode();
        HttpResponse<String> bad = provision(code, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("csr_invalid");

        HttpResponse<String> r = provision(code, Files.readString(gw.resolve("gw.csr")));
        assertThat(r.statusCode()).as("the bad CSR spent nothing: " + r.body()).isEqualTo(201);
        JsonObject a = new JsonObject(r.body());
        assertThat(a.getString("credential")).isEqualTo("certificate");
        JsonObject cert = a.getJsonObject("certificate");
        assertThat(cert.getString("caChain")).isEqualTo(Files.readString(hubCa));
        gwCert = Files.writeString(gw.resolve("gw.crt"), cert.getString("pem"));
        assertThat(TestCertificates.certificate(cert.getString("pem")).getSubjectX500Principal().getName())
                .isEqualTo("CN=" + GW_CERT);
    }

    @AfterAll
    static void stop() throws Exception {
        for (MqttAsyncClient c : clients) {
            if (c.isConnected()) c.disconnect().waitForCompletion(2000);
            c.close(true);
        }
        if (hub != null) hub.close();
    }

    private static String claimCode() throws Exception {
        HttpResponse<String> c = hub.post("/api/claims", new JsonObject().put("site", "bldg-7").encode(), admin);
        assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
        return new JsonObject(c.body()).getString("code");
    }

    private static HttpResponse<String> provision(String code, String csr) throws Exception {
        return hub.post("/api/provision", new JsonObject().put("code", code).put("gatewayId", GW_CERT).put("csr", csr)
                .put("clock", Instant.now().toString()).encode(), null);
    }

    private static void run(String exe, Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** Completes with the reason code of the DISCONNECT the hub sends {@code client}. */
    private static java.util.concurrent.CompletableFuture<Integer> disconnectCode(MqttAsyncClient client) {
        java.util.concurrent.CompletableFuture<Integer> cut = new java.util.concurrent.CompletableFuture<>();
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { cut.complete(r.getReturnCode()); }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) { }
            @Override public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int reason, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) { }
        });
        return cut;
    }

    /** Connects by certificate (no password) as {@code clientId}; returns the client, or throws the refusal. */
    private static MqttAsyncClient connect(String clientId, SSLContext tls) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient("ssl://127.0.0.1:" + hub.hub.mqttPort(), clientId, new MemoryPersistence());
        clients.add(c);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(clientId);
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setSocketFactory(tls.getSocketFactory());
        c.connect(o).waitForCompletion(5000);
        return c;
    }

    private static SSLContext tls(X509Certificate cert, Path key) throws Exception {
        return TestCertificates.clientContext(cert, key, serverPki.caCert);
    }

    /** As {@link #tls}, presenting the certificate even when the hub's request names another CA (as OpenSSL does). */
    private static SSLContext presenting(X509Certificate cert, Path key) throws Exception {
        return TestCertificates.clientContextPresenting(cert, key, serverPki.caCert);
    }

    private static X509Certificate issued() throws Exception {
        return TestCertificates.certificate(Files.readString(gwCert));
    }

    /** A key pair written as PKCS#8 PEM, for certificates the test signs itself. */
    private static Path keyFile(KeyPair k, String name) throws Exception {
        return Files.writeString(dir.resolve(name + ".key"), TestCertificates.pem(k.getPrivate()));
    }

    private static MqttException refusal(String clientId, SSLContext tls) {
        MqttException e = catchThrowableOfType(() -> connect(clientId, tls), MqttException.class);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static int refusalCode(String clientId, SSLContext tls) {
        return refusal(clientId, tls).getReasonCode();
    }

    /** The refusal came from the TLS handshake (an SSLException under Paho's), not from a CONNACK after it. */
    private static void assertHandshakeFailed(MqttException e, String what) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) chain.add(t);
        assertThat(chain).as(what + " fails the TLS handshake: " + chain).anyMatch(t -> t instanceof javax.net.ssl.SSLException);
        assertThat(e.getReasonCode()).as(what + " gets no CONNACK").isNotEqualTo(0x87);
    }

    private static int mosquittoPub(Path cert, Path key) throws Exception {
        String exe = ThirdPartyPeers.require("mosquitto_pub", "mosquitto-clients").toString();
        Path payload = Files.write(dir.resolve("alarm.json"), hub.encode(Envelopes.hydrantLow(GW_CERT, 1, "mosq-cert")));
        Process p = new ProcessBuilder(List.of(exe, "-V", "mqttv5", "--cafile", serverPki.caCert.toString(), "--cert",
                cert.toString(), "--key", key.toString(), "-h", "127.0.0.1", "-p", String.valueOf(hub.hub.mqttPort()),
                "-i", GW_CERT, "-u", GW_CERT, "-q", "1", "-t", Topics.uplink(GW_CERT, MessageKind.ALARM), "-f",
                payload.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto_pub.log").toFile()).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mosquitto_pub hung");
        }
        return p.exitValue();
    }

    /**
     * GIVEN the certificate the hub signed at claim time WHEN Paho connects with it and no password, and mosquitto_pub
     * publishes an alarm with it THEN both log in as the gateway: the birth makes it online, the alarm is stored.
     */
    @Test
    void issuedCertificateLogsInWithPahoAndMosquitto() throws Exception {
        MqttAsyncClient c = connect(GW_CERT, tls(issued(), gwKey));
        assertThat(hub.publish(c, Envelopes.birth(GW_CERT, "boot-c1"))).isZero();
        JsonObject seen = new JsonObject(hub.get("/api/gateways/" + GW_CERT, admin).body());
        assertThat(seen.getString("state")).isEqualTo("online");
        c.disconnect().waitForCompletion(2000);

        long alarms = hub.hub.store().stats().alarms();
        assertThat(mosquittoPub(gwCert, gwKey)).as(Files.readString(dir.resolve("mosquitto_pub.log"))).isZero();
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(alarms + 1);
    }

    /**
     * GIVEN certificates the hub did not issue to this gateway WHEN each connects THEN another CA's and an expired one
     * fail the TLS handshake, and the hub CA's for another client id or with an unissued serial get CONNACK 0x87.
     */
    @Test
    void certificatesNotInForceAreRefused() throws Exception {
        KeyPair k = TestCertificates.ec("secp256r1");
        Path key = keyFile(k, "other");
        Instant now = Instant.now();
        TestCertificates.Ca other = TestCertificates.ca("Someone else's CA");
        assertHandshakeFailed(refusal(GW_CERT, presenting(other.sign(GW_CERT, k.getPublic(), now.minusSeconds(60),
                now.plusSeconds(3600)), key)), "a certificate of another CA");
        TestCertificates.Ca hubCa = TestCertificates.hubCa(dir.resolve("hub"));
        X509Certificate expired = hubCa.sign(GW_CERT, k.getPublic(), now.minusSeconds(7200), now.minusSeconds(3600));
        assertHandshakeFailed(refusal(GW_CERT, presenting(expired, key)), "an expired certificate");
        assertThat(refusalCode(GW, tls(issued(), gwKey))).as("CN of another gateway than the client id").isEqualTo(0x87);
        X509Certificate unissued = hubCa.sign(GW_CERT, k.getPublic(), now.minusSeconds(60), now.plusSeconds(3600));
        assertThat(refusalCode(GW_CERT, tls(unissued, key))).as("a serial the hub never recorded").isEqualTo(0x87);
        assertThat(hub.hub.store().gatewayCertificate(GW_CERT)).isPresent();
    }

    /** GIVEN a TLS hub that asks for client certificates WHEN a password gateway connects without one THEN it logs in. */
    @Test
    void passwordGatewayStillLogsInOverTls() throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("ssl://127.0.0.1:" + hub.hub.mqttPort(), GW, new MemoryPersistence());
        clients.add(c);
        MqttConnectionOptions o = HubFixture.options(GW, GW_SECRET);
        o.setSocketFactory(serverPki.clientContext().getSocketFactory());
        c.connect(o).waitForCompletion(5000);
        assertThat(c.isConnected()).isTrue();
    }

    /**
     * GIVEN a gateway connected by certificate WHEN an admin revokes its credential THEN its live session is cut with
     * 0x87 (Not authorized) within the credential watch's period, not left up until it reconnects; its next CONNECT, by
     * Paho and by mosquitto_pub, is refused (0x87), and a new claim code provisions it again with the same key.
     */
    @Test
    void revokedCertificateIsRefusedAtTheNextConnect() throws Exception {
        // a gateway of its own, so the other tests keep theirs
        Path gw = Files.createDirectories(dir.resolve("gw-r"));
        run(TestPki.openssl(), gw, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=x", "-keyout", "gw.key", "-out", "gw.csr");
        String id = "gw-cert-revoked";
        HttpResponse<String> r = hub.post("/api/provision", new JsonObject().put("code", claimCode()).put("gatewayId", id)
                .put("csr", Files.readString(gw.resolve("gw.csr"))).put("clock", Instant.now().toString()).encode(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        X509Certificate cert = TestCertificates.certificate(new JsonObject(r.body()).getJsonObject("certificate").getString("pem"));
        MqttAsyncClient live = connect(id, tls(cert, gw.resolve("gw.key")));
        java.util.concurrent.CompletableFuture<Integer> cut = disconnectCode(live);

        HttpResponse<String> d = hub.send("DELETE", "/api/gateways/" + id + "/credential", null, admin);
        assertThat(d.statusCode()).as(d.body()).isEqualTo(204);
        assertThat(cut.get(3 * 5, TimeUnit.SECONDS)).as("the live session is cut by the hub").isEqualTo(0x87);
        assertThat(refusalCode(id, tls(cert, gw.resolve("gw.key")))).isEqualTo(0x87);
        assertThat(hub.send("DELETE", "/api/gateways/gw-none/credential", null, admin).statusCode()).isEqualTo(404);
        assertThat(hub.send("DELETE", "/api/gateways/" + id + "/credential", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> again = hub.post("/api/provision", new JsonObject().put("code", claimCode()).put("gatewayId", id)
                .put("csr", Files.readString(gw.resolve("gw.csr"))).put("clock", Instant.now().toString()).encode(), null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    }

    /**
     * GIVEN a gateway connected with a password WHEN an admin revokes its credential THEN its live session is cut with
     * 0x87 too, and the old password no longer connects.
     */
    @Test
    void revokedPasswordCutsTheLiveSession() throws Exception {
        HttpResponse<String> reg = hub.post("/api/gateways", "{\"id\":\"gw-pw-revoked\"}", admin);
        assertThat(reg.statusCode()).as(reg.body()).isIn(200, 201);
        String password = new JsonObject(reg.body()).getString("mqttPassword");
        MqttAsyncClient live = new MqttAsyncClient("ssl://127.0.0.1:" + hub.hub.mqttPort(), "gw-pw-revoked", new MemoryPersistence());
        clients.add(live);
        MqttConnectionOptions o = HubFixture.options("gw-pw-revoked", password);
        o.setSocketFactory(serverPki.clientContext().getSocketFactory());
        java.util.concurrent.CompletableFuture<Integer> cut = disconnectCode(live);
        live.connect(o).waitForCompletion(5000);
        assertThat(live.isConnected()).isTrue();

        assertThat(hub.send("DELETE", "/api/gateways/gw-pw-revoked/credential", null, admin).statusCode()).isEqualTo(204);

        assertThat(cut.get(3 * 5, TimeUnit.SECONDS)).isEqualTo(0x87);
        MqttAsyncClient again = new MqttAsyncClient("ssl://127.0.0.1:" + hub.hub.mqttPort(), "gw-pw-revoked", new MemoryPersistence());
        clients.add(again);
        MqttException refused = catchThrowableOfType(() -> again.connect(o).waitForCompletion(5000), MqttException.class);
        assertThat(refused).isNotNull();
    }

    /** GIVEN the revoked certificate of mosquitto_pub's gateway WHEN it publishes THEN mosquitto_pub fails and nothing is stored. */
    @Test
    void mosquittoWithAReplacedCertificateIsRefused() throws Exception {
        KeyPair k = TestCertificates.ec("secp256r1");
        Path key = keyFile(k, "mosq");
        Instant now = Instant.now();
        Path cert = Files.writeString(dir.resolve("mosq.crt"), TestCertificates.pem(TestCertificates.hubCa(dir.resolve("hub"))
                .sign(GW_CERT, k.getPublic(), now.minusSeconds(60), now.plusSeconds(3600))));
        long alarms = hub.hub.store().stats().alarms();
        assertThat(mosquittoPub(cert, key)).isNotZero();
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(alarms);
        assertThat(Files.readString(dir.resolve("mosquitto_pub.log"))).containsIgnoringCase("not authori");
    }
}
