package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSyncTest {
    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final ConfigSync sync = new ConfigSync(store);
    private final GatewayConfigParser parser = new GatewayConfigParser(java.nio.file.Path.of("/srv"));
    private static final PasswordFile PASSWORD = new PasswordFile(java.nio.file.Path.of("/srv/secrets/hub-password"), "1");

    private SyncReport apply(String yaml) throws ConfigException {
        return sync.apply(ConfigTranslator.translate(parser.parse("gw.yaml", yaml), PASSWORD, "src"), "src");
    }

    /** The first apply creates every configuration; applying the same file again writes nothing. */
    @Test
    void createsOnceThenLeavesUnchangedConfigurationsAlone() throws Exception {
        SyncReport first = apply(Samples.DEMO);
        store.writes.clear();

        SyncReport second = apply(Samples.DEMO);

        assertThat(first.created()).hasSize(6);
        assertThat(second.changedAnything()).isFalse();
        assertThat(second.unchanged()).isEqualTo(6);
        assertThat(store.writes).isEmpty();
    }

    /** GIVEN an applied file WHEN one device's override changes THEN only that device's configuration is written. */
    @Test
    void updatesOnlyTheChangedDevice() throws Exception {
        apply(Samples.DEMO);
        store.writes.clear();

        SyncReport report = apply(Samples.DEMO.replace("low-pressure.below: 0.10", "low-pressure.below: 0.12"));

        assertThat(report.updated()).containsExactly("io.onegrid.device~hydrant-b7");
        assertThat(store.writes).containsExactly("put io.onegrid.device~hydrant-b7");
        assertThat((String[]) store.device("hydrant-b7").get("overrides")).containsExactly("low-pressure.below=0.12");
    }

    /** A device removed from the file loses its configuration; one added gets a new one. */
    @Test
    void deletesRemovedAndCreatesAddedDevices() throws Exception {
        apply(Samples.DEMO);
        String edited = Samples.DEMO.substring(0, Samples.DEMO.indexOf("  - id: hydrant-b7")) + """
                  - id: door-305
                    profile: door-contact-gpio
                    address: door=flat305.door
                    site: bldg-7
                    unit: "305"
                    resident: r-1042
                """;

        SyncReport report = apply(edited);

        assertThat(report.deleted()).containsExactly("io.onegrid.device~hydrant-b7");
        assertThat(report.created()).containsExactly("io.onegrid.device~door-305");
        assertThat(store.device("hydrant-b7")).isNull();
        assertThat(store.device("door-305")).containsEntry("residentId", "r-1042");
    }

    /** Device configurations made by someone else (no or another source marker) are never deleted. */
    @Test
    void keepsDeviceConfigurationsItDidNotCreate() throws Exception {
        Map<String, Object> foreign = new HashMap<>(Map.of("deviceId", "manual-1", "profile", "x"));
        store.putFactory(Pids.DEVICE_FACTORY, "manual-1", foreign);

        SyncReport report = apply(Samples.DEMO);

        assertThat(report.deleted()).isEmpty();
        assertThat(store.device("manual-1")).isNotNull();
    }
}
