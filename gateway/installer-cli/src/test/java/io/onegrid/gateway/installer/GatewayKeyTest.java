package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's key and certificate request, read by openssl (a PKCS#10 and PKCS#8 reader we did not write). */
class GatewayKeyTest {
    @TempDir
    Path dir;

    private String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TestPki.openssl()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /**
     * GIVEN a new key WHEN its request is written THEN openssl verifies the request's signature, reads subject CN and a
     * P-256 key, and reads the PKCS#8 key file as the same key.
     */
    @Test
    void opensslVerifiesTheRequestAndReadsTheKey() throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        Files.writeString(dir.resolve("gw.csr"), key.csr("gw-bldg7-01"));
        Files.writeString(dir.resolve("gw.key"), key.pem());

        String req = openssl("req", "-in", "gw.csr", "-verify", "-noout", "-text");
        assertThat(req).contains("verify OK").contains("CN = gw-bldg7-01").contains("prime256v1")
                .contains("ecdsa-with-SHA256");
        String fromCsr = openssl("req", "-in", "gw.csr", "-noout", "-pubkey");
        String fromKey = openssl("pkey", "-in", "gw.key", "-pubout");
        assertThat(fromKey).isEqualTo(fromCsr);
        assertThat(key.pem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    /** GIVEN a subject long enough for two-byte DER lengths WHEN the request is written THEN openssl still verifies it. */
    @Test
    void longSubjectUsesLongFormLengths() throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        Files.writeString(dir.resolve("long.csr"), key.csr("g".repeat(64) + "-" + "x".repeat(150)));
        assertThat(openssl("req", "-in", "long.csr", "-verify", "-noout")).contains("verify OK");
    }

    /** GIVEN two requests of one key WHEN compared THEN both carry the same key: what lets the hub know a re-run. */
    @Test
    void requestsOfOneKeyCarryTheSameKey() throws Exception {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        Files.writeString(dir.resolve("a.csr"), key.csr("a"));
        Files.writeString(dir.resolve("b.csr"), key.csr("b"));
        assertThat(openssl("req", "-in", "a.csr", "-noout", "-pubkey")).isEqualTo(openssl("req", "-in", "b.csr", "-noout", "-pubkey"));
    }
}
