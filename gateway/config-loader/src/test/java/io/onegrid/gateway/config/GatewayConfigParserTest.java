package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigParserTest {
    @TempDir
    Path dir;

    private GatewayConfigParser parser() {
        return new GatewayConfigParser(dir);
    }

    /** The demo file parses into exactly the values it states, with relative paths against the base dir. */
    @Test
    void parsesTheDemoFile() throws Exception {
        GatewayConfig c = parser().parse("demo.yaml", Samples.DEMO);

        assertThat(c.gatewayId()).isEqualTo("gw-demo-01");
        assertThat(c.hub().uri()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.storage().dir()).isEqualTo(dir.toAbsolutePath().resolve("run/gateway"));
        assertThat(c.storage().outboxPath()).isEqualTo(dir.toAbsolutePath().resolve("run/gateway/outbox.db"));
        assertThat(c.gpio()).isEqualTo(new GatewayConfig.Gpio("simulator", "127.0.0.1:7021"));
        assertThat(c.devices()).hasSize(2);
        GatewayConfig.Device smoke = c.device("smoke-302").orElseThrow();
        assertThat(smoke.unit()).isEqualTo("302");
        assertThat(smoke.address()).isEqualTo("smoke=flat302.smoke,siren=flat302.siren");
        GatewayConfig.Device hydrant = c.device("hydrant-b7").orElseThrow();
        assertThat(hydrant.area()).isEqualTo("pump-room");
        assertThat(hydrant.unit()).isNull();
        assertThat(hydrant.overrides()).containsExactly("low-pressure.below=0.10");
    }

    /**
     * GIVEN hub.passwordFile WHEN parsing THEN the configuration keeps the checked path, not the secret: the
     * uplink reads the file itself, so the content has no reason to travel further.
     */
    @Test
    void keepsThePasswordFilePathNotItsContent() throws Exception {
        Files.writeString(dir.resolve("hub-password"), "s3cret-from-file\n");
        String yaml = Samples.DEMO.replace("password: demo-gateway-secret", "passwordFile: hub-password");

        GatewayConfig c = parser().parse("demo.yaml", yaml);

        assertThat(c.hub().passwordFile()).isEqualTo(dir.toAbsolutePath().resolve("hub-password"));
        assertThat(c.hub().password()).isNull();
        assertThat(c.hub().toString()).doesNotContain("s3cret");
    }

    /** An inline password is kept as a Secret, which prints as **** wherever it ends up. */
    @Test
    void hidesAnInlinePassword() throws Exception {
        GatewayConfig c = parser().parse("demo.yaml", Samples.DEMO);

        assertThat(c.hub().password().value()).isEqualTo("demo-gateway-secret");
        assertThat(c.hub().passwordFile()).isNull();
        assertThat(c.hub().toString()).doesNotContain("demo-gateway-secret").contains("****");
    }

    /** A password file holding nothing but a line break is as empty as an empty one: the uplink could not log in. */
    @Test
    void reportsAnEmptyPasswordFile() throws Exception {
        Files.writeString(dir.resolve("hub-password"), "\n");
        String yaml = Samples.DEMO.replace("password: demo-gateway-secret", "passwordFile: hub-password");

        assertThatThrownBy(() -> parser().parse("demo.yaml", yaml))
                .hasMessageContaining("demo.yaml:5:17: hub.passwordFile " + dir.toAbsolutePath().resolve("hub-password") + " is empty");
    }

    /** GIVEN several mistakes WHEN parsing THEN all are reported, each with its line, sorted by line. */
    @Test
    void reportsEveryProblemWithItsLine() {
        String yaml = """
                gateway:
                  id: gw-1
                hub:
                  uri: http://example.org
                  keepAlive: 30
                storage:
                  dir: ./data
                devices:
                  - id: d1
                    profile: smoke-detector-gpio
                    address: smoke=17,siren
                    site: b1
                  - id: d1
                    profile: hydrant-pressure-modbus
                    address: 10.0.0.5:70000/1
                    site: b1
                    overrides: {below: 0.1}
                """;

        ConfigException e = catchThrowableOfType(() -> parser().parse("gw.yaml", yaml), ConfigException.class);

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(4, 5, 11, 13, 15, 17);
        assertThat(e.getMessage())
                .contains("gw.yaml:4:8: hub.uri 'http://example.org' must look like tcp://host:port")
                .contains("gw.yaml:5:3: unknown key 'keepAlive' in hub; allowed keys: uri, username, password")
                .contains("gw.yaml:11:14: device 'd1': address 'smoke=17,siren' must be channel=line pairs")
                .contains("gw.yaml:13:9: device id 'd1' is used twice (first on line 9)")
                .contains("gw.yaml:15:14: device 'd1': port 70000 in address is out of range")
                .contains("gw.yaml:17:17: device 'd1': override 'below' must be written <rule-id>.<parameter>");
    }

    /**
     * GIVEN a hub URI with a WebSocket scheme (which the uplink cannot use) WHEN parsing THEN the loader
     * rejects it with file and line, instead of accepting a file that leaves the uplink unable to start.
     */
    @Test
    void rejectsWebSocketHubSchemes() {
        for (String uri : List.of("ws://hub.example.org:8080", "wss://hub.example.org:443")) {
            String yaml = "gateway: {id: gw-1}\nhub:\n  uri: " + uri + "\nstorage: {dir: ./data}\n";

            ConfigException e = catchThrowableOfType(() -> parser().parse("gw.yaml", yaml), ConfigException.class);

            assertThat(e).as(uri).isNotNull();
            assertThat(e.getMessage()).contains("gw.yaml:3:8: hub.uri '" + uri + "' must look like tcp://host:port"
                    + " or ssl://host:port (schemes: ssl, tcp)");
        }
    }

    /** A misspelt key gets a "did you mean". */
    @Test
    void suggestsTheIntendedKey() {
        String yaml = Samples.DEMO.replace("  simulator: 127.0.0.1:7021", "  simulater: 127.0.0.1:7021");

        assertThatThrownBy(() -> parser().parse("demo.yaml", yaml))
                .hasMessageContaining("demo.yaml:10:3: unknown key 'simulater' in gpio; did you mean 'simulator'?"
                        + " Allowed keys: backend, simulator");
    }

    /** Broken YAML syntax is reported with the line the YAML parser stopped at. */
    @Test
    void reportsYamlSyntaxErrorsWithLine() {
        String yaml = "gateway:\n  id: gw-1\nhub: [unclosed\nstorage:\n  dir: x\n";

        ConfigException e = catchThrowableOfType(() -> parser().parse("gw.yaml", yaml), ConfigException.class);

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).line()).isGreaterThanOrEqualTo(3);
        assertThat(e.getMessage()).contains("not valid YAML");
    }

    /** An empty file and a file without the required sections say what is missing. */
    @Test
    void namesMissingRequiredSections() {
        assertThatThrownBy(() -> parser().parse("e.yaml", "")).hasMessageContaining("the file is empty");
        ConfigException e = catchThrowableOfType(() -> parser().parse("g.yaml", "devices: []\n"), ConfigException.class);
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "the file needs a 'gateway:' section with 'id'",
                "the file needs a 'hub:' section with 'uri'",
                "the file needs a 'storage:' section with 'dir'");
    }

    /** No error message ever contains the hub password, even when the file around it is wrong. */
    @Test
    void neverPutsThePasswordInAnError() {
        String yaml = Samples.DEMO.replace("password: demo-gateway-secret",
                "password: demo-gateway-secret\n  passwordFile: /nonexistent");

        ConfigException e = catchThrowableOfType(() -> parser().parse("demo.yaml", yaml), ConfigException.class);

        assertThat(e.getMessage()).contains("both 'password' and 'passwordFile'").doesNotContain("demo-gateway-secret");
    }

    /** A missing password file is an error that names the file, not a crash. */
    @Test
    void reportsUnreadablePasswordFile() {
        String yaml = Samples.DEMO.replace("password: demo-gateway-secret", "passwordFile: missing.txt");

        assertThatThrownBy(() -> parser().parse("demo.yaml", yaml))
                .hasMessageContaining("demo.yaml:5:17: cannot read hub.passwordFile " + dir.toAbsolutePath().resolve("missing.txt"));
    }

    /** Reading from disk: a missing file names the working directory to help with relative paths. */
    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> parser().parse(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file does not exist");
    }

    /** Sizes accept units, and the optional sections stay null so component defaults apply. */
    @Test
    void acceptsSizesWithUnitsAndLeavesOptionalSettingsUnset() throws Exception {
        String yaml = """
                gateway: {id: gw-2}
                hub: {uri: 'ssl://hub.example.org:8883', keepAliveSeconds: 45}
                storage: {dir: /var/lib/onegrid, maxBytes: 16MB, commitIntervalMs: 50}
                """;

        GatewayConfig c = parser().parse("gw.yaml", yaml);

        assertThat(c.storage().maxBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(c.storage().commitIntervalMs()).isEqualTo(50L);
        assertThat(c.hub().keepAliveSeconds()).isEqualTo(45);
        assertThat(c.hub().hasPassword()).isFalse();
        assertThat(c.gpio()).isNull();
        assertThat(c.devices()).isEqualTo(List.of());
    }

    /** A file whose storage section sets quarantineMaxBytes to {@code value} (on line 5), or leaves it out (null). */
    private static String withQuarantineBound(String value) {
        return "gateway: {id: gw-2}\nhub: {uri: 'tcp://hub:1883'}\nstorage:\n  dir: /var/lib/onegrid\n"
                + (value == null ? "" : "  quarantineMaxBytes: " + value + "\n");
    }

    /**
     * GIVEN storage.quarantineMaxBytes in the size syntax WHEN parsed THEN it is that many bytes; GIVEN it absent
     * THEN it stays unset, so the outbox's own default (8MB) applies.
     */
    @Test
    void quarantineBoundTakesTheSizeSyntax() throws Exception {
        assertThat(parser().parse("gw.yaml", withQuarantineBound("2MB")).storage().quarantineMaxBytes())
                .isEqualTo(2L * 1024 * 1024);
        assertThat(parser().parse("gw.yaml", withQuarantineBound(null)).storage().quarantineMaxBytes()).isNull();
    }

    /**
     * GIVEN storage.quarantineMaxBytes that is not a size, or below 64KB WHEN parsed THEN the file is refused with
     * file, line and what a size looks like.
     */
    @Test
    void quarantineBoundRefusesWhatIsNotASize() {
        ConfigException bad = catchThrowableOfType(() -> parser().parse("gw.yaml", withQuarantineBound("8 parsecs")),
                ConfigException.class);
        ConfigException small = catchThrowableOfType(() -> parser().parse("gw.yaml", withQuarantineBound("1KB")),
                ConfigException.class);

        assertThat(bad.getMessage()).contains("gw.yaml:5:23: storage.quarantineMaxBytes must be a size like 67108864, 512KB"
                + " or 64MB (bytes, or KB, MB, GB: 1024-based), got '8 parsecs'");
        assertThat(bad.problems()).hasSize(1);
        assertThat(small.getMessage()).contains("gw.yaml:5:23: storage.quarantineMaxBytes must be at least 64KB, got '1KB'");
    }

    /** onegrid.storage replaces the file's storage.dir and makes the storage section optional. */
    @Test
    void storageOverrideReplacesTheFilesFolder() throws Exception {
        GatewayConfigParser withOverride = new GatewayConfigParser(dir, "elsewhere/gw");

        GatewayConfig withSection = withOverride.parse("demo.yaml", Samples.DEMO);
        GatewayConfig without = withOverride.parse("gw.yaml", "gateway: {id: gw-3}\nhub: {uri: 'tcp://h:1883'}\n");

        assertThat(withSection.storage().dir()).isEqualTo(dir.toAbsolutePath().resolve("elsewhere/gw"));
        assertThat(without.storage().outboxPath()).isEqualTo(dir.toAbsolutePath().resolve("elsewhere/gw/outbox.db"));
    }
}
