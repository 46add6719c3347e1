package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadCommandTest {
    @TempDir
    Path dir;

    private final InMemoryConfigStore store = new InMemoryConfigStore();

    /**
     * GIVEN a gateway running the demo file WHEN a device is added to the file and the hub sends reload THEN the
     * device's configuration is created and the reply says what changed.
     */
    @Test
    void appliesTheEditedFile() throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), Samples.DEMO);
        GatewayConfigParser parser = new GatewayConfigParser(dir);
        GatewayConfigLoader loader = new GatewayConfigLoader(file, parser, store);
        loader.loadInitial();
        Files.writeString(file, Samples.DEMO + """
                  - id: leak-1
                    profile: water-leak-gpio
                    address: leak=flat302.leak
                    site: bldg-7
                """);

        Map<String, Object> r = new ReloadCommand(loader, parser).handle(CommandArgs.none());

        assertThat(store.device("leak-1")).isNotNull();
        assertThat(r).containsEntry("changed", true).containsEntry("created", List.of("io.onegrid.device~leak-1"));
    }

    /** A broken file is refused as config_invalid with its problem and line; the configuration in force stays. */
    @Test
    void refusesABrokenFileNamingTheProblem() throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), Samples.DEMO);
        GatewayConfigParser parser = new GatewayConfigParser(dir);
        GatewayConfigLoader loader = new GatewayConfigLoader(file, parser, store);
        loader.loadInitial();
        int before = store.configs.size();
        Files.writeString(file, Samples.DEMO.replace("site: bldg-7", "sight: bldg-7"));

        assertThatThrownBy(() -> new ReloadCommand(loader, parser).handle(CommandArgs.none()))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("gw.yaml:").hasMessageContaining("unknown key 'sight'")
                .hasMessageContaining("last good configuration stays in force")
                .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(CommandException.Code.CONFIG_INVALID));
        assertThat(store.configs).hasSize(before);
        assertThat(store.device("smoke-302")).isNotNull();
    }
}
