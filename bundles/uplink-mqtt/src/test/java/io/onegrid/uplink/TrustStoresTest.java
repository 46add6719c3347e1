package io.onegrid.uplink;

import io.onegrid.testing.TestPki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust store formats truststorePath accepts, with a CA made by openssl (skipped where it is missing). */
class TrustStoresTest {
    @TempDir
    static Path dir;
    static TestPki ca;
    static Certificate caCert;

    @BeforeAll
    static void pki() throws Exception {
        TestPki.openssl();
        ca = TestPki.create(dir.resolve("ca"), "OneGrid test CA");
        caCert = TrustStores.load(ca.caCert).getCertificate("ca-0");
    }

    private static Path store(String type, String file) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        ks.setCertificateEntry("onegrid-ca", caCert);
        Path p = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, "changeit".toCharArray());
        }
        return p;
    }

    /** Verifies that a PEM file of the CA, under any of its usual extensions, gives a store with that CA. */
    @Test
    void pemFileLoads() throws Exception {
        assertThat(caCert).isNotNull();
        Path crt = Files.copy(ca.caCert, dir.resolve("ca.pem"));
        assertThat(TrustStores.load(crt).size()).isEqualTo(1);
        assertThat(TrustStores.socketFactory(ca.caCert)).isNotNull();
    }

    /** Verifies that a JKS trust store is read without its password (JKS does not encrypt certificates). */
    @Test
    void jksStoreLoadsWithoutPassword() throws Exception {
        assertThat(TrustStores.load(store("JKS", "trust.jks")).getCertificate("onegrid-ca")).isEqualTo(caCert);
    }

    /**
     * Verifies that a PKCS12 store whose certificates cannot be read without its password is refused with a
     * message saying what to use instead, rather than becoming an empty trust store.
     */
    @Test
    void pkcs12StoreWithPasswordIsRefusedClearly() throws Exception {
        Path p12 = store("PKCS12", "trust.p12");
        assertThatThrownBy(() -> TrustStores.socketFactory(p12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p12.toString())
                .hasMessageContaining("use the CA's PEM file");
    }

    /** Verifies that a PEM file without a certificate is an error naming the file. */
    @Test
    void emptyPemFileIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.crt"), "");
        assertThatThrownBy(() -> TrustStores.socketFactory(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty.toString());
    }
}
