package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's path with a client certificate: the real hub jar with MQTT over TLS (a server certificate made by
 * openssl), {@code java -jar onegrid-gateway.jar provision} choosing a certificate by itself, and the gateway jar started
 * on what it wrote, logging in by certificate with no password anywhere in its configuration folder.
 */
class ProvisionCertificateIT {
    private HubJar hub;
    private GatewayProcess gateway;

    @TempDir
    Path work;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (hub != null) hub.close();
    }

    /**
     * GIVEN the real hub with MQTT TLS and an admin's claim code WHEN provision runs without --credential and the gateway
     * jar starts on the gateway.yaml it wrote THEN provision chose a certificate (key 0600, certificate, no password file,
     * no password key), the hub made its gateway CA and said where, and the gateway is online at bldg-7.
     */
    @Test
    void provisionedCertificateConnectsTheGateway() throws Exception {
        TestPki pki = TestPki.create(work.resolve("pki"), "OneGrid test CA");
        TestPki.Server mqttCert = pki.server("hub", "DNS:localhost,IP:127.0.0.1");
        hub = HubJar.start(work.resolve("hub"), "--mqtt-tls-cert", mqttCert.cert().toString(),
                "--mqtt-tls-key", mqttCert.key().toString());
        String url = hub.url;
        assertThat(hub.output()).anyMatch(l -> l.contains("made a new gateway CA") && l.contains("gateway-ca.pem"));
        String code = hub.claim();
        Path dir = work.resolve("etc-onegrid");

        GatewayProcess provision = GatewayProcess.run(work, "provision", "--hub", url, "--claim", code,
                "--config-dir", dir.toString(), "--gateway-id", "gw-cert-it", "--ca", pki.caCert.toString());
        assertThat(provision.waitFor(60)).as(provision.transcript()).isZero();
        assertThat(provision.out()).anyMatch(l -> l.contains("the hub signs client certificates"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub-client.key"))))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("hub-client.crt")).exists();
        assertThat(dir.resolve("hub-password")).doesNotExist();
        String yaml = Files.readString(dir.resolve("gateway.yaml"));
        assertThat(yaml).contains("certificateFile:").contains("keyFile:").doesNotContain("password");

        gateway = GatewayProcess.start(work, "onegrid.config=" + dir.resolve("gateway.yaml"),
                "onegrid.storage=" + work.resolve("state"));
        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> hub.get("/api/gateways/gw-cert-it").path("state").asText().equals("online"));
        assertThat(hub.get("/api/gateways/gw-cert-it").path("site").asText()).isEqualTo("bldg-7");
    }
}
