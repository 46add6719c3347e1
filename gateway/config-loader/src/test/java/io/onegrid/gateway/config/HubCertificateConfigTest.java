package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.onegrid.testing.TestPki;
import io.onegrid.uplink.UplinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hub.certificateFile and hub.keyFile: checked with file:line:column, and handed to the uplink under its attribute names. */
class HubCertificateConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void keyAndCertificate() throws Exception {
        // openssl writes the key as PKCS#8 (BEGIN PRIVATE KEY), as provision does
        Process p = new ProcessBuilder(TestPki.openssl(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=gw-demo-01", "-keyout", "gw.key",
                "-out", "gw.crt").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private static String yaml(String uri, String hubLines) {
        return "gateway:\n  id: gw-demo-01\nhub:\n  uri: " + uri + "\n" + hubLines + "storage:\n  dir: ./run\n";
    }

    private GatewayConfig parse(String yaml) throws ConfigException {
        return new GatewayConfigParser(dir).parse("gw.yaml", yaml);
    }

    /**
     * GIVEN a certificate and key WHEN parsed and translated THEN the uplink gets both paths and a stamp, each under an
     * attribute UplinkConfig declares, and no password.
     */
    @Test
    void certificateAndKeyGoToTheUplinkAttributes() throws Exception {
        GatewayConfig c = parse(yaml("ssl://hub.example.org:8883", "  certificateFile: gw.crt\n  keyFile: gw.key\n"));
        assertThat(c.hub().clientCertificate()).isEqualTo(new GatewayConfig.ClientCertificate(dir.resolve("gw.crt"),
                dir.resolve("gw.key")));

        Map<String, Object> uplink = ConfigTranslator.translate(c, null, "src").singletons().get(Pids.UPLINK);
        assertThat(uplink).contains(entry("clientCertificatePath", dir.resolve("gw.crt").toString()),
                entry("clientKeyPath", dir.resolve("gw.key").toString())).doesNotContainKey("passwordFile");
        assertThat((String) uplink.get("clientCertificateStamp")).contains("bytes");
        for (String key : uplink.keySet()) {
            if (key.equals(Pids.SOURCE)) continue;
            assertThat(UplinkConfig.class.getMethod(key)).as(key).isNotNull();
        }
    }

    /** GIVEN a certificate without its key, over tcp://, or beside a password WHEN parsed THEN each is an error at its line. */
    @Test
    void misusedCertificateSettingsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> parse(yaml("ssl://hub:8883", "  certificateFile: gw.crt\n")))
                .hasMessageContaining("gw.yaml:5:").hasMessageContaining("go together");
        assertThatThrownBy(() -> parse(yaml("tcp://hub:1883", "  certificateFile: gw.crt\n  keyFile: gw.key\n")))
                .hasMessageContaining("gw.yaml:5:").hasMessageContaining("needs an ssl://");
        assertThatThrownBy(() -> parse(yaml("ssl://hub:8883", "  password: s3cret-s3cret-s3cret\n  certificateFile: gw.crt\n"
                + "  keyFile: gw.key\n"))).hasMessageContaining("gw.yaml:6:").hasMessageContaining("only one")
                .hasMessageNotContaining("s3cret");
    }

    /** GIVEN files that are not what they say (the key as certificate, a missing key) WHEN parsed THEN both are named. */
    @Test
    void wrongFilesAreNamed() throws Exception {
        assertThatThrownBy(() -> parse(yaml("ssl://hub:8883", "  certificateFile: gw.key\n  keyFile: gw.crt\n")))
                .hasMessageContaining("gw.yaml:5:").hasMessageContaining("not a readable PEM certificate")
                .hasMessageContaining("gw.yaml:6:").hasMessageContaining("not an unencrypted PKCS#8 PEM key")
                .hasMessageNotContaining("PRIVATE KEY-----\n");
        Files.delete(dir.resolve("gw.key"));
        assertThatThrownBy(() -> parse(yaml("ssl://hub:8883", "  certificateFile: gw.crt\n  keyFile: gw.key\n")))
                .hasMessageContaining("gw.yaml:6:").hasMessageContaining("cannot read hub.keyFile");
    }
}
