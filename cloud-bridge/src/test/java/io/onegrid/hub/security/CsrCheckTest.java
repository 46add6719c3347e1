package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's checks of a gateway's certificate signing request, before anything of the claim is spent. */
class CsrCheckTest {
    @TempDir
    Path dir;

    private static String refusal(String pem) {
        HubException e = catchThrowableOfType(() -> CsrCheck.check(pem), HubException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.error()).isEqualTo(HubError.CSR_INVALID);
        return e.getMessage();
    }

    /** GIVEN a P-256 request made by openssl (a CSR maker we did not write) WHEN checked THEN its key is taken, hashed. */
    @Test
    void opensslRequestIsAccepted() throws Exception {
        String openssl = TestPki.openssl();
        Process p = new ProcessBuilder(openssl, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-subj", "/CN=whatever", "-keyout", "gw.key", "-out", "gw.csr").directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        CertificateRequest r = CsrCheck.check(Files.readString(dir.resolve("gw.csr")));
        assertThat(r.publicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(r.keyHash()).matches("[0-9a-f]{64}").isEqualTo(Fingerprints.sha256Hex(r.publicKey().getEncoded()));
    }

    /** GIVEN requests for a P-384 and an RSA-2048 key WHEN checked THEN both are accepted. */
    @Test
    void p384AndRsa2048AreAccepted() throws Exception {
        assertThat(CsrCheck.check(TestCertificates.csr("a", TestCertificates.ec("secp384r1"))).publicKey().getAlgorithm())
                .isEqualTo("EC");
        assertThat(CsrCheck.check(TestCertificates.csr("a", TestCertificates.rsa(2048))).publicKey().getAlgorithm())
                .isEqualTo("RSA");
    }

    /** GIVEN a request signed by another key than the one it carries WHEN checked THEN it is refused: no proof of possession. */
    @Test
    void signatureByAnotherKeyIsRefused() throws Exception {
        KeyPair carried = TestCertificates.ec("secp256r1");
        String pem = TestCertificates.csr("a", carried, TestCertificates.ec("secp256r1").getPrivate());
        assertThat(refusal(pem)).contains("signature does not verify");
    }

    /** GIVEN weak or unusual keys WHEN checked THEN each is refused saying what is wrong with the key. */
    @Test
    void weakOrForeignKeysAreRefused() throws Exception {
        assertThat(refusal(TestCertificates.csr("a", TestCertificates.rsa(1024)))).contains("1024 bits");
        assertThat(refusal(TestCertificates.csr("a", TestCertificates.ec("secp521r1")))).contains("P-256 or P-384");
    }

    /** GIVEN text that is no CSR (garbage, a certificate, two requests, a huge paste) WHEN checked THEN each is refused. */
    @Test
    void notARequestIsRefused() throws Exception {
        assertThat(refusal("hello")).contains("no PEM block");
        assertThat(refusal("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")).isNotBlank();
        assertThat(refusal(TestCertificates.pem(TestCertificates.ca("x").cert()))).contains("not a CERTIFICATE REQUEST");
        String one = TestCertificates.csr("a", TestCertificates.ec("secp256r1"));
        assertThat(refusal(one + one)).contains("more than one");
        assertThat(refusal("x".repeat(CsrCheck.MAX_PEM_CHARS + 1))).contains("longer than");
    }
}
