package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.testing.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning over HTTPS against the real hub jar with a certificate from a CA made with openssl: untrusted without
 * --ca (exit 1, telling the installer to pass --ca), trusted with it, and the CA kept as the gateway's truststore.
 */
class ProvisionTlsIT {
    @TempDir
    static Path work;
    static HubProcess hub;
    static TestPki pki;

    @BeforeAll
    static void startHub() throws Exception {
        pki = TestPki.create(work.resolve("pki"), "OneGrid test CA");
        TestPki.Server cert = pki.server("hub", "DNS:localhost,IP:127.0.0.1");
        hub = HubProcess.start(work.resolve("hub"), pki.clientContext(),
                "--http-tls-cert", cert.cert().toString(), "--http-tls-key", cert.key().toString());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) hub.close();
    }

    private static int provision(StringWriter err, String... args) {
        return ProvisionCli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    /**
     * GIVEN a hub whose certificate only our CA signed WHEN provision runs without --ca THEN it exits 1 saying to pass
     * --ca and spends nothing; WHEN it runs again with --ca THEN it exits 0 and gateway.yaml names the copied CA as
     * its truststore, loadable by the gateway's parser.
     */
    @Test
    void untrustedCertificateAsksForTheCaAndTheCaMakesItWork() throws Exception {
        String code = hub.claim("bldg-7");
        Path dir = work.resolve("etc");
        StringWriter err = new StringWriter();
        assertThat(provision(err, "--hub", hub.url(), "--claim", code, "--config-dir", dir.toString(), "--gateway-id", "gw-tls-a"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("not trusted").contains("--ca");
        assertThat(dir.resolve("gateway.yaml")).doesNotExist();

        StringWriter err2 = new StringWriter();
        assertThat(provision(err2, "--hub", hub.url(), "--claim", code, "--config-dir", dir.toString(), "--gateway-id",
                "gw-tls-a", "--ca", pki.caCert.toString())).as(err2.toString()).isZero();
        assertThat(err2.toString()).doesNotContain("plain http");
        assertThat(Files.readString(dir.resolve("hub-ca.pem"))).isEqualTo(Files.readString(pki.caCert));
        assertThat(new GatewayConfigParser(dir).parse(dir.resolve("gateway.yaml")).hub().truststorePath())
                .isEqualTo(dir.resolve("hub-ca.pem"));
    }
}
