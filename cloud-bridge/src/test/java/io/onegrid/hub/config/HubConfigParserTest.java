package io.onegrid.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from flags and environment: defaults, precedence, and a clear error naming the flag. */
class HubConfigParserTest {

    private static HubConfig parse(Map<String, String> env, String... args) {
        return HubConfigParser.parse(args, env);
    }

    /** Verifies the documented defaults. */
    @Test
    void defaults() {
        HubConfig c = parse(Map.of());
        assertThat(c.mqttHost()).isEqualTo("127.0.0.1");
        assertThat(c.mqttPort()).isEqualTo(1883);
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./run/hub"));
        assertThat(c.mqttTls()).isEmpty();
        assertThat(c.httpTls()).isEmpty();
        assertThat(c.tokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(c.maxMqttPayloadBytes()).isEqualTo(256 * 1024);
        assertThat(c.gateways()).isEmpty();
        assertThat(c.adminPassword()).isEmpty();
        assertThat(c.correlationWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.ingestLinger()).isEqualTo(Duration.ofMillis(2));
        assertThat(c.maxHttpBodyBytes()).isEqualTo(64 * 1024);
        assertThat(c.passwordIterations()).isEqualTo(210_000);
        assertThat(c.mqttReceiveMaximum()).isEqualTo(64);
        assertThat(c.mqttAuthLimits()).isEqualTo(new AuthLimits(10, 20, Duration.ofMinutes(1)));
        assertThat(c.loginLimits()).isEqualTo(new AuthLimits(5, 20, Duration.ofMinutes(1)));
        assertThat(c.retention()).isEqualTo(new Retention(Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(7)));
    }

    /**
     * GIVEN no webhook settings THEN the documented defaults apply (5 s, 8 attempts over about an hour, 16 in flight,
     * one per subscription, the key beside the database); GIVEN flags and env THEN they are read, and a retry ceiling
     * below the first delay or a timeout over a minute is refused naming the flag.
     */
    @Test
    void webhookSettings() {
        HubConfig d = parse(Map.of());
        assertThat(d.webhooks()).isEqualTo(new HubConfig.WebhookSettings(Duration.ofSeconds(5), 8, Duration.ofSeconds(30),
                Duration.ofMinutes(30), 16, 1, java.util.Optional.empty()));
        assertThat(d.webhookKeyFile()).isEqualTo(Path.of("./run/hub", "webhook-secrets.key"));

        HubConfig c = parse(Map.of("ONEGRID_HUB_WEBHOOK_MAX_ATTEMPTS", "3", "ONEGRID_HUB_WEBHOOK_KEY_FILE", "/etc/onegrid/hooks.key"),
                "--webhook-timeout", "2s", "--webhook-retry-initial=1s", "--webhook-retry-max", "10s",
                "--webhook-concurrency", "4", "--webhook-subscription-concurrency", "2", "--webhook-retention", "2d");
        assertThat(c.webhooks()).isEqualTo(new HubConfig.WebhookSettings(Duration.ofSeconds(2), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 4, 2, java.util.Optional.of(Path.of("/etc/onegrid/hooks.key"))));
        assertThat(c.webhookKeyFile()).isEqualTo(Path.of("/etc/onegrid/hooks.key"));
        assertThat(c.retention().webhookDeliveries()).isEqualTo(Duration.ofDays(2));

        assertThatThrownBy(() -> parse(Map.of(), "--webhook-retry-initial", "1m", "--webhook-retry-max", "30s"))
                .hasMessageContaining("--webhook-retry-max");
        assertThatThrownBy(() -> parse(Map.of(), "--webhook-timeout", "2m")).hasMessageContaining("--webhook-timeout");
        assertThatThrownBy(() -> parse(Map.of(), "--webhook-max-attempts", "0")).hasMessageContaining("--webhook-max-attempts");
        assertThatThrownBy(() -> parse(Map.of(), "--webhook-retention", "10m")).hasMessageContaining("--webhook-retention");
    }

    /**
     * GIVEN no provisioning settings, then each set by flag or env WHEN parsed THEN the defaults are 5 failures per
     * code, 10 per address, 10 minutes' lockout, 5 minutes of clock skew and a derived MQTT URI; a URI that is not
     * tcp:// or ssl:// HOST:PORT is refused naming its flag.
     */
    @Test
    void provisioningSettings() {
        assertThat(parse(Map.of()).provisioning()).isEqualTo(new HubConfig.ProvisioningSettings(java.util.Optional.empty(),
                new AuthLimits(5, 10, Duration.ofMinutes(10)), Duration.ofMinutes(5)));
        HubConfig c = parse(Map.of("ONEGRID_HUB_GATEWAY_MQTT_URI", "ssl://hub.example.org:8883"),
                "--provision-max-failures-per-code", "3", "--provision-max-failures-per-address=7",
                "--provision-lockout", "1h", "--provision-max-clock-skew", "30s");
        assertThat(c.provisioning()).isEqualTo(new HubConfig.ProvisioningSettings(java.util.Optional.of(
                "ssl://hub.example.org:8883"), new AuthLimits(3, 7, Duration.ofHours(1)), Duration.ofSeconds(30)));
        assertThatThrownBy(() -> parse(Map.of(), "--gateway-mqtt-uri", "mqtt://hub:1883"))
                .hasMessageStartingWith("--gateway-mqtt-uri: must be tcp://HOST:PORT or ssl://HOST:PORT");
    }

    /**
     * GIVEN no gateway CA settings, then a CA pair and a validity WHEN parsed THEN the default is the hub's own CA in its
     * data folder valid 730d per certificate; a certificate without its key, a missing file and a validity under a day
     * are refused naming their flag.
     */
    @Test
    void gatewayCaSettings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        GatewayCaSettings d = parse(Map.of()).provisioning().ca();
        assertThat(d).isEqualTo(new GatewayCaSettings(java.util.Optional.empty(), java.util.Optional.empty(), Duration.ofDays(730)));
        assertThat(d.certFile(dir)).isEqualTo(dir.resolve("gateway-ca.pem"));
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "x");
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("ca.key"), "x");
        GatewayCaSettings c = parse(Map.of("ONEGRID_HUB_GATEWAY_CA_KEY", key.toString()), "--gateway-ca-cert", cert.toString(),
                "--gateway-cert-validity", "90d").provisioning().ca();
        assertThat(c).isEqualTo(new GatewayCaSettings(java.util.Optional.of(cert), java.util.Optional.of(key), Duration.ofDays(90)));
        assertThatThrownBy(() -> parse(Map.of(), "--gateway-ca-cert", cert.toString()))
                .hasMessageStartingWith("--gateway-ca-key: is required together with --gateway-ca-cert");
        assertThatThrownBy(() -> parse(Map.of(), "--gateway-ca-cert", dir.resolve("nope.pem").toString(), "--gateway-ca-key",
                key.toString())).hasMessageContaining("--gateway-ca-cert");
        assertThatThrownBy(() -> parse(Map.of(), "--gateway-cert-validity", "1h")).hasMessageContaining("--gateway-cert-validity");
    }

    /** Verifies the limits and retention settings from flags and env, and their lower bounds. */
    @Test
    void limitsAndRetention() {
        HubConfig c = parse(Map.of("ONEGRID_HUB_MQTT_RECEIVE_MAXIMUM", "8", "ONEGRID_HUB_TELEMETRY_RETENTION", "2d",
                        "ONEGRID_HUB_STREAM_RETENTION", "36h"),
                "--mqtt-auth-max-failures", "3", "--mqtt-auth-max-failures-per-address=7", "--mqtt-auth-lockout", "5m",
                "--login-max-failures-per-address", "9", "--dedup-retention", "60d");
        assertThat(c.mqttReceiveMaximum()).isEqualTo(8);
        assertThat(c.mqttAuthLimits()).isEqualTo(new AuthLimits(3, 7, Duration.ofMinutes(5)));
        assertThat(c.loginLimits().maxFailuresPerAddress()).isEqualTo(9);
        assertThat(c.retention()).isEqualTo(new Retention(Duration.ofDays(60), Duration.ofDays(2), Duration.ofHours(36), Duration.ofDays(7)));
        assertThatThrownBy(() -> parse(Map.of(), "--mqtt-receive-maximum", "0"))
                .hasMessageContaining("--mqtt-receive-maximum");
        assertThatThrownBy(() -> parse(Map.of(), "--dedup-retention", "10m")).hasMessageContaining("--dedup-retention");
    }

    /** Verifies that flags win over env, both --name value and --name=value work. */
    @Test
    void flagsOverrideEnv() {
        HubConfig c = parse(Map.of("ONEGRID_HUB_MQTT_PORT", "1999", "ONEGRID_HUB_HTTP_PORT", "0",
                        "ONEGRID_HUB_TOKEN_TTL", "PT30M"),
                "--mqtt-port", "0", "--data-dir=/tmp/x", "--correlation-window", "90s");
        assertThat(c.mqttPort()).isZero();
        assertThat(c.httpPort()).isZero();
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.tokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.correlationWindow()).isEqualTo(Duration.ofSeconds(90));
    }

    /** Verifies repeatable --gateway, the env list, and the demo gateway with its env password. */
    @Test
    void gateways() {
        HubConfig c = parse(Map.of("ONEGRID_HUB_GATEWAY", "gw-env:env-secret-1"),
                "--gateway", "gw-a:secret-aaa", "--gateway=gw-b:secret:with:colons");
        assertThat(c.gateways()).containsExactly(new GatewayCredential("gw-a", "secret-aaa"),
                new GatewayCredential("gw-b", "secret:with:colons"));
        HubConfig demo = parse(Map.of(), "--demo-gateway");
        assertThat(demo.gateways()).containsExactly(new GatewayCredential("gw-demo-01", "demo-gateway-secret"));
        HubConfig demoEnv = parse(Map.of("ONEGRID_DEMO_GATEWAY_PASSWORD", "from-the-env"));
        assertThat(demoEnv.gateways()).containsExactly(new GatewayCredential("gw-demo-01", "from-the-env"));
        HubConfig envList = parse(Map.of("ONEGRID_HUB_GATEWAY", "gw-a:secret-aaa, gw-b:secret:b:c,",
                "ONEGRID_DEMO_GATEWAY_PASSWORD", "from-the-env"));
        assertThat(envList.gateways()).containsExactly(new GatewayCredential("gw-demo-01", "from-the-env"),
                new GatewayCredential("gw-a", "secret-aaa"), new GatewayCredential("gw-b", "secret:b:c"));
    }

    /** Verifies that the admin password comes from ONEGRID_ADMIN_PASSWORD and toString hides secrets. */
    @Test
    void secretsHidden() {
        HubConfig c = parse(Map.of("ONEGRID_ADMIN_PASSWORD", "admin-pass-123"), "--gateway", "gw-a:secret-aaa");
        assertThat(c.adminPassword()).hasValue("admin-pass-123");
        assertThat(c.toString()).doesNotContain("admin-pass-123").doesNotContain("secret-aaa").contains("gw-a");
    }

    /** Verifies that bad values name the flag and say what is expected. */
    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> parse(Map.of(), "--mqtt-port", "99999"))
                .isInstanceOf(ConfigException.class).hasMessage("--mqtt-port: must be an integer 0..65535, got '99999'");
        assertThatThrownBy(() -> parse(Map.of("ONEGRID_HUB_HTTP_PORT", "x")))
                .hasMessageStartingWith("--http-port: must be an integer");
        assertThatThrownBy(() -> parse(Map.of(), "--token-ttl", "soon")).hasMessageStartingWith("--token-ttl: must be a duration");
        assertThatThrownBy(() -> parse(Map.of(), "--mqtt-max-payload", "1m")).hasMessageStartingWith("--mqtt-max-payload:");
        assertThatThrownBy(() -> parse(Map.of(), "--gateway", "nocolon")).hasMessageStartingWith("--gateway: expected id:secret");
        assertThatThrownBy(() -> parse(Map.of(), "--gateway", "gw/x:secret-123")).hasMessageContaining("must match");
        assertThatThrownBy(() -> parse(Map.of(), "--gateway", "gw:short")).hasMessageContaining("at least 8")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> parse(Map.of(), "--nope")).hasMessage("--nope: unknown option (see --help)");
        assertThatThrownBy(() -> parse(Map.of(), "--mqtt-port")).hasMessage("--mqtt-port: needs a value");
        assertThatThrownBy(() -> parse(Map.of(), "stray")).hasMessageContaining("unexpected argument 'stray'");
    }

    /** Verifies TLS settings: PEM pair or key store, files must exist, half a pair is an error. */
    @Test
    void tls(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        HubConfig c = parse(Map.of("ONEGRID_HUB_HTTP_TLS_KEYSTORE_PASSWORD", "pw"),
                "--mqtt-tls-cert", cert.toString(), "--mqtt-tls-key", key.toString(),
                "--http-tls-keystore", cert.toString());
        assertThat(c.mqttTls()).hasValue(new TlsSettings(cert, key, null, null));
        assertThat(c.httpTls()).hasValue(new TlsSettings(null, null, cert, "pw"));
        assertThatThrownBy(() -> parse(Map.of(), "--mqtt-tls-cert", cert.toString()))
                .hasMessage("--mqtt-tls-key: is required together with --mqtt-tls-cert");
        assertThatThrownBy(() -> parse(Map.of(), "--http-tls-cert", "/nope.pem", "--http-tls-key", key.toString()))
                .hasMessageStartingWith("--http-tls-cert: file /nope.pem does not exist");
    }

    /**
     * GIVEN a PostgreSQL store shared by hub nodes and MQTT over TLS WHEN no gateway CA is given THEN the start is a bad
     * setting naming both CA flags and the docs (a CA made per node would be trusted by that node only); with both
     * given, or on SQLite, or without MQTT TLS, it is accepted.
     */
    @Test
    void postgresWithMqttTlsNeedsAGivenGatewayCa(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        String[] tls = {"--mqtt-tls-cert", cert.toString(), "--mqtt-tls-key", key.toString()};
        Map<String, String> pg = Map.of("ONEGRID_HUB_DB_URL", "jdbc:postgresql://db.example.org:5432/onegrid");

        assertThatThrownBy(() -> parse(pg, tls)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--gateway-ca-cert: ").hasMessageContaining("--gateway-ca-key")
                .hasMessageContaining("docs/tls.md §4");
        String[] withCa = {"--mqtt-tls-cert", cert.toString(), "--mqtt-tls-key", key.toString(), "--gateway-ca-cert",
                cert.toString(), "--gateway-ca-key", key.toString()};
        assertThat(parse(pg, withCa).provisioning().ca().certPem()).hasValue(cert);
        assertThat(parse(Map.of(), tls).mqttTls()).isPresent();
        assertThat(parse(pg).database().url()).isPresent();
    }

    /** Verifies the duration syntax. */
    @Test
    void durations() {
        assertThat(List.of("500ms", "30s", "10m", "12h", "1d", "PT10M", "pt1h")).extracting(HubConfigParser::parseDuration)
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(12),
                        Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofHours(1));
    }

    /** Verifies that --help lists every flag with its env variable. */
    @Test
    void helpListsEverySetting() {
        String help = HubConfigParser.help();
        for (HubSetting s : HubSetting.values()) {
            assertThat(help).contains(s.env());
            if (s.flag() != null) assertThat(help).contains("--" + s.flag());
        }
        assertThat(HubConfigParser.wantsHelp(new String[] {"--mqtt-port", "1", "--help"})).isTrue();
    }
}
