package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.onegrid.outbox.OutboxConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigTranslatorTest {
    private static final Path BASE = Path.of("/srv/onegrid");
    private static final PasswordFile PASSWORD = new PasswordFile(
            Path.of("/srv/onegrid/run/gateway/secrets/hub-password"), "19 bytes, modified 2026-01-01T00:00:00Z");

    private static GatewayConfig parse(String yaml) throws ConfigException {
        return new GatewayConfigParser(BASE).parse("demo.yaml", yaml);
    }

    private DesiredConfigurations demo() throws ConfigException {
        return ConfigTranslator.translate(parse(Samples.DEMO), PASSWORD, "src");
    }

    /** The demo file becomes the four singleton PIDs with the contract's property names. */
    @Test
    void writesTheSingletonPids() throws Exception {
        Map<String, Map<String, Object>> s = demo().singletons();

        assertThat(s).containsOnlyKeys(Pids.UPLINK, Pids.OUTBOX, Pids.GPIO, Pids.PROFILES);
        assertThat(s.get(Pids.UPLINK)).contains(entry("gatewayId", "gw-demo-01"),
                entry("hubUri", "tcp://127.0.0.1:1883"), entry("username", "gw-demo-01"),
                entry("passwordFile", "/srv/onegrid/run/gateway/secrets/hub-password"),
                entry("passwordStamp", "19 bytes, modified 2026-01-01T00:00:00Z"))
                .doesNotContainKeys("keepAliveSeconds", "healthIntervalSeconds", "truststorePath", ".password");
        assertThat(s.get(Pids.OUTBOX)).contains(entry("path", "/srv/onegrid/run/gateway/outbox.db"))
                .doesNotContainKeys("maxBytes", "commitIntervalMs", "quarantineMaxBytes");
        assertThat(s.get(Pids.GPIO)).contains(entry("backend", "simulator"), entry("simulatorAddress", "127.0.0.1:7021"));
        assertThat(s.get(Pids.PROFILES)).contains(entry("directory", ""));
        assertThat(s.values()).allSatisfy(p -> assertThat(p).containsEntry(Pids.SOURCE, "src"));
    }

    /**
     * GIVEN a file with an inline hub.password WHEN translated THEN no key and no value of any configuration
     * (arrays included) contains the secret: what Configuration Admin persists is free of it.
     */
    @Test
    void noPropertyAnywhereContainsTheSecret() throws Exception {
        DesiredConfigurations d = demo();

        Stream<String> everything = Stream.concat(d.singletons().values().stream(), d.devices().values().stream())
                .flatMap(p -> p.entrySet().stream())
                .flatMap(e -> Stream.of(e.getKey(), e.getValue() instanceof String[] a ? Arrays.toString(a)
                        : String.valueOf(e.getValue())));

        assertThat(everything).isNotEmpty().noneMatch(text -> text.contains("demo-gateway-secret"));
    }

    /** Without a password in the file the uplink gets no password properties, so its defaults (none) apply. */
    @Test
    void writesNoPasswordPropertiesWithoutAPassword() throws Exception {
        GatewayConfig config = parse(Samples.DEMO.replace("  password: demo-gateway-secret\n", ""));

        Map<String, Object> uplink = ConfigTranslator.translate(config, null, "src").singletons().get(Pids.UPLINK);

        assertThat(uplink).doesNotContainKeys("passwordFile", "passwordStamp", ".password");
    }

    /** A caller that forgets to store the secret first is stopped, instead of the gateway silently losing its login. */
    @Test
    void refusesAPasswordThatWasNotPutInAFile() throws Exception {
        GatewayConfig config = parse(Samples.DEMO);

        assertThatThrownBy(() -> ConfigTranslator.translate(config, null, "src"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("demo-gateway-secret");
    }

    /**
     * GIVEN every storage setting WHEN translated THEN the outbox's configuration carries each under the name and
     * type of its metatype attribute (OutboxConfig), so no setting is written under a name the outbox ignores.
     */
    @Test
    void storageSettingsAreOutboxAttributes() throws Exception {
        GatewayConfig config = parse(Samples.DEMO.replace("  dir: ./run/gateway\n",
                "  dir: ./run/gateway\n  maxBytes: 16MB\n  commitIntervalMs: 5\n  quarantineMaxBytes: 1MB\n"));

        Map<String, Object> outbox = ConfigTranslator.translate(config, PASSWORD, "src").singletons().get(Pids.OUTBOX);

        assertThat(outbox).contains(entry("maxBytes", 16L * 1024 * 1024), entry("commitIntervalMs", 5L),
                entry("quarantineMaxBytes", 1024L * 1024));
        for (Map.Entry<String, Object> e : outbox.entrySet()) {
            if (e.getKey().equals(Pids.SOURCE)) continue;
            Class<?> declared = OutboxConfig.class.getMethod(e.getKey()).getReturnType();
            assertThat(e.getValue()).as(e.getKey()).isInstanceOf(declared == long.class ? Long.class : declared);
        }
    }

    /** Each device becomes one factory configuration keyed by its id, with overrides as String[]. */
    @Test
    void writesOneFactoryConfigurationPerDevice() throws Exception {
        Map<String, Map<String, Object>> d = demo().devices();

        assertThat(d).containsOnlyKeys("smoke-302", "hydrant-b7");
        assertThat(d.get("smoke-302")).contains(entry("deviceId", "smoke-302"), entry("profile", "smoke-detector-gpio"),
                entry("address", "smoke=flat302.smoke,siren=flat302.siren"), entry("site", "bldg-7"),
                entry("unit", "302")).doesNotContainKeys("bus", "area", "residentId");
        assertThat((String[]) d.get("smoke-302").get("overrides")).isEmpty();
        assertThat(d.get("hydrant-b7")).contains(entry("area", "pump-room"), entry("address", "127.0.0.1:5020/1"));
        assertThat((String[]) d.get("hydrant-b7").get("overrides")).containsExactly("low-pressure.below=0.10");
    }
}
