package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.gateway.config.GatewayConfig;
import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.profile.ProfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayYamlTest {
    private static final String INSTALLERS_FILE = """
            # bldg-7 stairwell gateway
            gateway:
              id: gw-old
            hub:
              uri: tcp://old-hub:1883
              password: an-inline-secret-from-before
              keepAliveSeconds: 45
            # where the outbox lives
            storage:
              dir: ./run/gw
            gpio:
              backend: simulator
              simulator: 127.0.0.1:7021
            devices:
              - id: smoke-302            # flat 302 hallway
                profile: smoke-detector-gpio
                address: smoke=flat302.smoke,siren=flat302.siren
                site: bldg-7
                unit: "302"
              - id: hydrant-b7
                profile: hydrant-pressure-modbus
                address: 127.0.0.1:5020/1
                site: bldg-7
            """;

    @TempDir
    Path dir;
    Path passwordFile;
    GatewayYaml.HubSection section;

    @BeforeEach
    void secret() throws Exception {
        passwordFile = Files.writeString(dir.resolve("hub-password"), "x".repeat(48));
        section = new GatewayYaml.HubSection("gw-bldg7-a", "ssl://hub.example.org:8883", passwordFile, null);
    }

    private GatewayConfig load(String yaml) throws Exception {
        return new GatewayConfigParser(dir).parse("gateway.yaml", yaml);
    }

    /** GIVEN no configuration yet WHEN a fresh file is written THEN the gateway's parser loads it with the id, hub, storage and no devices. */
    @Test
    void freshFileLoadsWithTheGatewayParser() throws Exception {
        GatewayConfig c = load(GatewayYaml.fresh(section));
        assertThat(c.gatewayId()).isEqualTo("gw-bldg7-a");
        assertThat(c.hub().uri()).isEqualTo("ssl://hub.example.org:8883");
        assertThat(c.hub().passwordFile()).isEqualTo(passwordFile);
        assertThat(c.hub().password()).isNull();
        assertThat(c.storage().dir()).isEqualTo(Path.of("/var/lib/onegrid"));
        assertThat(c.devices()).isEmpty();
    }

    /**
     * GIVEN an installer's file with devices, GPIO settings, comments and an old inline password WHEN the hub section is
     * merged in THEN the id and hub are the new ones (keep-alive kept, inline password gone), every device, the storage
     * and the comments are exactly as they were, and the gateway's parser loads it.
     */
    @Test
    void mergeKeepsTheDevicesTheInstallerDeclared() throws Exception {
        Path ca = Files.writeString(dir.resolve("hub-ca.pem"), "not parsed by the loader, only checked to exist");
        String merged = GatewayYaml.merge("gateway.yaml", INSTALLERS_FILE, new GatewayYaml.HubSection("gw-bldg7-a",
                "ssl://hub.example.org:8883", passwordFile, ca));

        GatewayConfig c = load(merged);
        assertThat(c.gatewayId()).isEqualTo("gw-bldg7-a");
        assertThat(c.hub().uri()).isEqualTo("ssl://hub.example.org:8883");
        assertThat(c.hub().password()).isNull();
        assertThat(c.hub().keepAliveSeconds()).isEqualTo(45);
        assertThat(c.hub().truststorePath()).isEqualTo(ca);
        assertThat(c.devices()).extracting(GatewayConfig.Device::id).containsExactly("smoke-302", "hydrant-b7");
        assertThat(merged).startsWith("# bldg-7 stairwell gateway\ngateway:\n")
                .contains("# where the outbox lives\nstorage:\n  dir: ./run/gw\n")
                .contains("  - id: smoke-302            # flat 302 hallway\n")
                .doesNotContain("an-inline-secret-from-before").doesNotContain("gw-old").doesNotContain("old-hub");
        assertThat(load(INSTALLERS_FILE).devices()).isEqualTo(c.devices());
    }

    /** GIVEN a merged file WHEN it is merged again with the same section THEN nothing changes (re-running provision is a no-op). */
    @Test
    void mergingTwiceChangesNothing() {
        String once = GatewayYaml.merge("gateway.yaml", INSTALLERS_FILE, section);
        assertThat(GatewayYaml.merge("gateway.yaml", once, section)).isEqualTo(once);
        String fresh = GatewayYaml.fresh(section);
        assertThat(GatewayYaml.merge("gateway.yaml", fresh, section)).isEqualTo(fresh);
    }

    /** GIVEN a file with only devices (no gateway or hub section) WHEN merged THEN the sections come first and the devices stay. */
    @Test
    void mergeAddsMissingSections() throws Exception {
        String merged = GatewayYaml.merge("gateway.yaml", "# mine\nstorage:\n  dir: /var/lib/onegrid\ndevices: []\n", section);
        assertThat(merged).startsWith("# mine\ngateway:\n  id: \"gw-bldg7-a\"\n");
        assertThat(load(merged).gatewayId()).isEqualTo("gw-bldg7-a");
    }

    /** GIVEN an existing file that is not YAML or not a mapping WHEN merged THEN it is refused with its line, not overwritten. */
    @Test
    void brokenFileIsRefusedWithItsLine() {
        assertThatThrownBy(() -> GatewayYaml.merge("gateway.yaml", "gateway:\n  id: [unclosed\n", section))
                .isInstanceOf(ProfileException.class).hasMessageContaining("gateway.yaml");
        assertThatThrownBy(() -> GatewayYaml.merge("gateway.yaml", "- a list\n", section))
                .isInstanceOf(ProfileException.class).hasMessageContaining("not a mapping");
    }

    /** GIVEN paths with YAML's special characters WHEN quoted THEN the parser reads them back unchanged. */
    @Test
    void pathsWithSpecialCharactersSurvive() throws Exception {
        Path odd = Files.writeString(dir.resolve("a #b: \"c\"\\d"), "x".repeat(20));
        GatewayConfig c = load(GatewayYaml.fresh(new GatewayYaml.HubSection("gw-1", "tcp://127.0.0.1:1883", odd, null)));
        assertThat(c.hub().passwordFile()).isEqualTo(odd);
    }

    /** GIVEN an existing file WHEN its gateway id is asked THEN it is the file's, and none for a file without one or not YAML. */
    @Test
    void existingGatewayIdIsRead() {
        assertThat(GatewayYaml.gatewayId("f", INSTALLERS_FILE)).hasValue("gw-old");
        assertThat(GatewayYaml.gatewayId("f", "devices: []\n")).isEmpty();
        assertThat(GatewayYaml.gatewayId("f", "gateway: [\n")).isEmpty();
    }

    /**
     * GIVEN a certificate credential WHEN the hub section is written into the installer's file THEN it has certificateFile
     * and keyFile, no password, and the gateway's parser loads it with the client certificate.
     */
    @Test
    void certificateSectionHasNoPassword(@TempDir Path d) throws Exception {
        Process p = new ProcessBuilder(io.onegrid.testing.TestPki.openssl(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=gw-c", "-keyout", "k.pem", "-out", "c.pem")
                .directory(d.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        String yaml = GatewayYaml.merge("gateway.yaml", INSTALLERS_FILE, new GatewayYaml.HubSection("gw-c", "ssl://hub:8883",
                null, null, d.resolve("c.pem"), d.resolve("k.pem")));
        assertThat(yaml).contains("certificateFile: \"" + d.resolve("c.pem") + "\"").contains("keyFile: ")
                .doesNotContain("password");
        GatewayConfig c = new GatewayConfigParser(d).parse("gateway.yaml", yaml.replace("./run/gw", d.resolve("run").toString()));
        assertThat(c.hub().clientCertificate().key()).isEqualTo(d.resolve("k.pem"));
    }
}
