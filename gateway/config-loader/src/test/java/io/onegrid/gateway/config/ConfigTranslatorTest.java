package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTranslatorTest {
    private static final Path BASE = Path.of("/srv/onegrid");

    private DesiredConfigurations demo() throws ConfigException {
        return ConfigTranslator.translate(new GatewayConfigParser(BASE).parse("demo.yaml", Samples.DEMO), "src");
    }

    /** The demo file becomes the four singleton PIDs with the contract's property names. */
    @Test
    void writesTheSingletonPids() throws Exception {
        Map<String, Map<String, Object>> s = demo().singletons();

        assertThat(s).containsOnlyKeys(Pids.UPLINK, Pids.OUTBOX, Pids.GPIO, Pids.PROFILES);
        assertThat(s.get(Pids.UPLINK)).contains(entry("gatewayId", "gw-demo-01"),
                entry("hubUri", "tcp://127.0.0.1:1883"), entry("username", "gw-demo-01"),
                entry(".password", "demo-gateway-secret"))
                .doesNotContainKeys("keepAliveSeconds", "healthIntervalSeconds", "truststorePath");
        assertThat(s.get(Pids.OUTBOX)).contains(entry("path", "/srv/onegrid/run/gateway/outbox.db"))
                .doesNotContainKeys("maxBytes", "commitIntervalMs");
        assertThat(s.get(Pids.GPIO)).contains(entry("backend", "simulator"), entry("simulatorAddress", "127.0.0.1:7021"));
        assertThat(s.get(Pids.PROFILES)).contains(entry("directory", ""));
        assertThat(s.values()).allSatisfy(p -> assertThat(p).containsEntry(Pids.SOURCE, "src"));
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
