package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.config.GatewayCaSettings;
import io.onegrid.hub.store.GatewayCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway CA: made once in the data folder, reused after, and signing client certificates as documented. */
class GatewayCaTest {
    private static final Duration TWO_YEARS = Duration.ofDays(730);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    @TempDir
    Path dir;

    private GatewayCa open(GatewayCaSettings s) {
        return GatewayCa.open(s, dir, new SecureRandom(), clock);
    }

    private static GatewayCaSettings generated(Duration validity) {
        return new GatewayCaSettings(Optional.empty(), Optional.empty(), validity);
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** GIVEN no CA configured WHEN the hub opens it twice THEN the first makes key (0600) and certificate, the second reuses them. */
    @Test
    void generatedOnceInTheDataFolderThenReused() throws Exception {
        GatewayCa first = open(generated(TWO_YEARS));
        Path key = dir.resolve(GatewayCaSettings.GENERATED_KEY);
        assertThat(first.certFile()).isEqualTo(dir.resolve(GatewayCaSettings.GENERATED_CERT));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate ca = parse(first.caPem());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(open(generated(TWO_YEARS)).caPem()).isEqualTo(first.caPem());
    }

    /**
     * GIVEN the CA WHEN it signs a gateway's P-256 key THEN the certificate has CN = gateway id, the key, digital
     * signature only, clientAuth, a random serial, the configured validity, and verifies with the CA's key.
     */
    @Test
    void signsClientCertificatesAsDocumented() throws Exception {
        GatewayCa ca = open(generated(TWO_YEARS));
        KeyPair gw = TestCertificates.ec("secp256r1");
        GatewayCertificate a = ca.issue("gw-bldg7-01", gw.getPublic());
        GatewayCertificate b = ca.issue("gw-bldg7-01", gw.getPublic());
        X509Certificate cert = parse(a.pem());
        cert.verify(parse(ca.caPem()).getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=gw-bldg7-01");
        assertThat(cert.getPublicKey()).isEqualTo(gw.getPublic());
        assertThat(cert.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(cert.getExtendedKeyUsage()).isEqualTo(List.of("1.3.6.1.5.5.7.3.2"));
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(TWO_YEARS));
        assertThat(cert.getNotBefore().toInstant()).isBefore(clock.instant());
        assertThat(a.serial()).isEqualTo(cert.getSerialNumber().toString(16)).isNotEqualTo(b.serial());
        assertThat(a.fingerprint()).isEqualTo(Fingerprints.sha256Hex(cert.getEncoded()));
        assertThat(a.keyHash()).isEqualTo(Fingerprints.sha256Hex(gw.getPublic().getEncoded()));
        assertThat(a.notAfter()).isEqualTo(clock.instant().plus(TWO_YEARS));
    }

    /** GIVEN a configured CA WHEN it signs with a validity beyond its own THEN the certificate ends with the CA. */
    @Test
    void configuredCaIsUsedAndCapsValidity() throws Exception {
        TestCertificates.Ca own = TestCertificates.ca("Operator's gateway CA");
        Path cert = own.write(dir.resolve("pki"));
        GatewayCa ca = open(new GatewayCaSettings(Optional.of(cert), Optional.of(dir.resolve("pki/ca.key")), Duration.ofDays(3650)));
        X509Certificate issued = parse(ca.issue("gw-1", TestCertificates.ec("secp256r1").getPublic()).pem());
        issued.verify(own.cert().getPublicKey());
        assertThat(issued.getNotAfter()).isEqualTo(own.cert().getNotAfter());
        assertThat(Files.exists(dir.resolve(GatewayCaSettings.GENERATED_KEY))).isFalse();
    }

    /** GIVEN a configured certificate with another CA's key WHEN opened THEN the hub refuses to start, naming both files. */
    @Test
    void keyOfAnotherCaIsRefused() throws Exception {
        Path cert = TestCertificates.ca("one").write(dir.resolve("one"));
        TestCertificates.ca("two").write(dir.resolve("two"));
        Path key = dir.resolve("two/ca.key");
        assertThatThrownBy(() -> open(new GatewayCaSettings(Optional.of(cert), Optional.of(key), TWO_YEARS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not belong")
                .hasMessageContaining(key.toString()).hasMessageNotContaining("PRIVATE KEY");
    }

    /**
     * GIVEN a key without its certificate, as a crash between the two writes of a first start leaves WHEN the hub opens
     * its CA THEN it makes a whole new one (key 0600 and certificate that belong together) instead of failing every start.
     */
    @Test
    void keyWithoutCertificateIsMadeAgain() throws Exception {
        Path key = Files.writeString(dir.resolve(GatewayCaSettings.GENERATED_KEY), "half of a first start");

        GatewayCa ca = open(generated(TWO_YEARS));

        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        parse(ca.issue("gw-1", TestCertificates.ec("secp256r1").getPublic()).pem()).verify(parse(ca.caPem()).getPublicKey());
        assertThat(open(generated(TWO_YEARS)).caPem()).isEqualTo(ca.caPem());
    }

    /**
     * GIVEN the hub's own CA certificate whose key is missing WHEN the hub opens its CA THEN it refuses to start naming
     * both files and what to do, and neither makes a new CA (which would refuse every certificate the old one signed)
     * nor touches the certificate.
     */
    @Test
    void certificateWithoutKeyIsRefused() throws Exception {
        String pem = open(generated(TWO_YEARS)).caPem();
        Path key = dir.resolve(GatewayCaSettings.GENERATED_KEY);
        Files.delete(key);

        assertThatThrownBy(() -> open(generated(TWO_YEARS))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve(GatewayCaSettings.GENERATED_CERT).toString())
                .hasMessageContaining(key + " is missing").hasMessageContaining("restore");
        assertThat(Files.exists(key)).isFalse();
        assertThat(Files.readString(dir.resolve(GatewayCaSettings.GENERATED_CERT))).isEqualTo(pem);
    }
}
