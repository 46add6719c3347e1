package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {
    /** Without properties: no config file, no self test, documented timeouts. */
    @Test
    void defaults() {
        LaunchSettings s = LaunchSettings.from(k -> null);

        assertThat(s).isEqualTo(new LaunchSettings(null, null, false, Duration.ofSeconds(30), Duration.ofSeconds(20)));
    }

    /** Given values are used; a garbled timeout falls back to its default rather than failing the start. */
    @Test
    void readsFrameworkProperties() {
        Map<String, String> p = Map.of(LaunchSettings.CONFIG, " gw.yaml ", LaunchSettings.STORAGE, "/srv/run", LaunchSettings.SELFTEST, "true",
                LaunchSettings.SELFTEST_TIMEOUT, "5", LaunchSettings.STOP_TIMEOUT, "soon");

        LaunchSettings s = LaunchSettings.from(p::get);

        assertThat(s).isEqualTo(new LaunchSettings("gw.yaml", "/srv/run", true, Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }
}
