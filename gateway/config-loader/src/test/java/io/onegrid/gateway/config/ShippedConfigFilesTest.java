package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.outbox.OutboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration files shipped in gateway/config are valid, so the demo and the documented example work. */
class ShippedConfigFilesTest {
    private static final Path CONFIG_DIR = Path.of("..", "config");

    @TempDir
    Path dir;

    /** GIVEN demo.yaml (used by ./onegrid demo) WHEN parsed THEN it names the demo gateway and its two devices. */
    @Test
    void demoFileIsValid() throws Exception {
        GatewayConfig c = new GatewayConfigParser(dir).parse(CONFIG_DIR.resolve("demo.yaml"));

        assertThat(c.gatewayId()).isEqualTo("gw-demo-01");
        assertThat(c.devices()).extracting(GatewayConfig.Device::id).containsExactly("smoke-302", "hydrant-b7");
    }

    /**
     * GIVEN example.yaml's /etc/onegrid files (password, CA, PSK, a profiles folder with its RTU and CoAP profiles)
     * WHEN it is parsed THEN every key it documents is read, its buses and its device on a bus among them.
     */
    @Test
    void exampleFileIsValid() throws Exception {
        Files.writeString(dir.resolve("hub-password"), "secret\n");
        Files.writeString(dir.resolve("hub-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(dir.resolve("coap-psk"), "0123456789abcdef\n");
        FieldProfiles.writeTo(dir.resolve("profiles"));
        String yaml = Files.readString(CONFIG_DIR.resolve("example.yaml")).replace("/etc/onegrid/", dir + "/");

        GatewayConfig c = new GatewayConfigParser(dir).parse("example.yaml", yaml);

        assertThat(c.hub().passwordFile()).isEqualTo(dir.resolve("hub-password"));
        assertThat(c.storage().maxBytes()).isEqualTo(64L * 1024 * 1024);
        // example.yaml shows the outbox's defaults
        assertThat(c.storage().quarantineMaxBytes()).isEqualTo(OutboxSettings.DEFAULT_QUARANTINE_MAX_BYTES);
        assertThat(c.device("door-512").orElseThrow().residentId()).isEqualTo("r-1042");
        assertThat(c.device("door-512").orElseThrow().overrides())
                .containsExactly("no-activity.inactivity=10h", "no-activity.window=07:00-22:00");
        assertThat(c.buses()).extracting(GatewayConfig.Bus::name).containsExactly("riser-a", "riser-b");
        assertThat(c.buses().get(0).maxGapRegisters()).isEqualTo(8);
        assertThat(c.device("gas-b1-3").orElseThrow()).extracting(GatewayConfig.Device::bus, GatewayConfig.Device::address)
                .containsExactly("riser-a", "3");
    }
}
