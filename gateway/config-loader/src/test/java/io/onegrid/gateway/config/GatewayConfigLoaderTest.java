package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
    @TempDir
    Path dir;

    private final InMemoryConfigStore store = new InMemoryConfigStore();

    private GatewayConfigLoader loader(Path file) {
        return new GatewayConfigLoader(file, new GatewayConfigParser(dir), store);
    }

    /** A bad file at start-up is an exception and leaves Configuration Admin empty: no device starts. */
    @Test
    void refusesABadFileAtStartup() throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), "gateway: {id: gw-1}\n");

        assertThatThrownBy(() -> loader(file).loadInitial()).isInstanceOf(ConfigException.class);
        assertThat(store.configs).isEmpty();
    }

    /**
     * GIVEN a running loader with a watcher WHEN the file is edited (device added, then a broken edit, then a
     * fix) THEN the added device appears, the broken edit changes nothing, and the fix applies.
     */
    @Test
    void appliesLiveEditsAndKeepsTheLastGoodConfiguration() throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), Samples.DEMO);
        GatewayConfigLoader loader = loader(file);
        loader.loadInitial();
        try (ConfigFileWatcher ignored = new ConfigFileWatcher(file, Duration.ofMillis(100), loader::reload).start()) {
            String added = Samples.DEMO + """
                      - id: leak-1
                        profile: water-leak-gpio
                        address: leak=flat302.leak
                        site: bldg-7
                    """;
            Files.writeString(file, added);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.device("leak-1") != null);

            Files.writeString(file, added.replace("site: bldg-7\n", "sight: bldg-7\n"));
            Files.writeString(dir.resolve("marker"), "x");
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> store.device("leak-1") != null && store.device("smoke-302") != null);
            assertThat(loader.current().orElseThrow().devices()).hasSize(3);

            Files.writeString(file, Samples.DEMO);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.device("leak-1") == null);
            assertThat(store.device("smoke-302")).isNotNull();
        }
    }

    /**
     * GIVEN a file with an inline hub.password WHEN loaded THEN Configuration Admin's uplink configuration
     * names the loader's secret file instead of holding the secret; WHEN the file is re-read unchanged THEN
     * nothing is written; WHEN the password is edited THEN the secret file holds the new one and the uplink
     * configuration is updated (new stamp), so the uplink restarts with it.
     */
    @Test
    void givesTheUplinkAFileAndUpdatesItWhenThePasswordChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), Samples.DEMO);
        GatewayConfigLoader loader = loader(file);
        loader.loadInitial();
        Path secret = dir.resolve("run/gateway/secrets/hub-password");
        Map<String, Object> first = store.configs.get(Pids.UPLINK);
        assertThat(first).containsEntry("passwordFile", secret.toString()).containsKey("passwordStamp");
        assertThat(store.configs.values()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("demo-gateway-secret"));
        store.writes.clear();

        loader.reload();
        assertThat(store.writes).isEmpty();

        Files.writeString(file, Samples.DEMO.replace("password: demo-gateway-secret", "password: rotated-gateway-secret"));
        SyncReport report = loader.reload().orElseThrow();

        assertThat(report.updated()).containsExactly(Pids.UPLINK);
        assertThat(Files.readString(secret)).isEqualTo("rotated-gateway-secret");
        assertThat(store.configs.get(Pids.UPLINK).get("passwordStamp")).isNotEqualTo(first.get("passwordStamp"));
        assertThat(store.configs.get(Pids.UPLINK).toString()).doesNotContain("rotated-gateway-secret");
    }

    /** A secret that cannot be stored (a file where its folder goes) is a start-up error naming the path, not the secret. */
    @Test
    void refusesToStartWhenTheSecretCannotBeStored() throws Exception {
        Files.createDirectories(dir.resolve("run/gateway"));
        Files.writeString(dir.resolve("run/gateway/secrets"), "not a folder");
        Path file = Files.writeString(dir.resolve("gw.yaml"), Samples.DEMO);

        assertThatThrownBy(() -> loader(file).loadInitial()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot keep the hub password in a file")
                .hasMessageContaining(dir.resolve("run/gateway/secrets") + " exists but is not a folder")
                .hasMessageNotContaining("demo-gateway-secret");
        assertThat(store.configs).isEmpty();
    }

    /** Editors that save by renaming a new file over the old one still trigger a reload. */
    @Test
    void noticesAFileReplacedByRename() throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), Samples.DEMO);
        AtomicInteger changes = new AtomicInteger();
        try (ConfigFileWatcher ignored = new ConfigFileWatcher(file, Duration.ofMillis(100), changes::incrementAndGet).start()) {
            Path tmp = Files.writeString(dir.resolve(".gw.yaml.swp"), Samples.DEMO.replace("gw-demo-01", "gw-demo-02"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() >= 1);
        }
    }
}
