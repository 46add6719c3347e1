package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The file's time and size settings: the one duration syntax, the one size syntax, and the bare numbers files always had. */
class SettingsSyntaxTest {
    private final GatewayConfigParser parser = new GatewayConfigParser(Path.of("/srv"));

    /** A file with {@code hubLine} and {@code storageLine} added to its hub and storage sections (line 4 and 7). */
    private static String file(String hubLine, String storageLine) {
        return "gateway: {id: gw-1}\nhub:\n  uri: tcp://127.0.0.1:1883\n  " + hubLine + "\nstorage:\n  dir: ./run\n  "
                + storageLine + "\n";
    }

    /**
     * GIVEN keepAliveSeconds and healthIntervalSeconds as bare seconds, quoted seconds or durations WHEN parsed THEN
     * each is that many seconds.
     */
    @ParameterizedTest
    @CsvSource({"45, 45", "'\"45\"', 45", "1m, 60", "1m30s, 90", "0, 0", "30s, 30"})
    void secondsTakeBareNumbersAndDurations(String value, int seconds) throws Exception {
        GatewayConfig keepAlive = parser.parse("gw.yaml", file("keepAliveSeconds: " + value, "maxBytes: 64MB"));
        GatewayConfig health = parser.parse("gw.yaml", file("healthIntervalSeconds: " + value, "maxBytes: 64MB")
                .replace("healthIntervalSeconds: 0\n", "healthIntervalSeconds: 1\n"));

        assertThat(keepAlive.hub().keepAliveSeconds()).isEqualTo(seconds);
        assertThat(health.hub().healthIntervalSeconds()).isEqualTo(seconds == 0 ? 1 : seconds);
    }

    /** GIVEN commitIntervalMs as bare milliseconds or a duration WHEN parsed THEN it is that many milliseconds. */
    @ParameterizedTest
    @CsvSource({"50, 50", "50ms, 50", "1s, 1000", "1s250ms, 1250", "1_000, 1000", "0, 0"})
    void millisecondsTakeBareNumbersAndDurations(String value, long millis) throws Exception {
        GatewayConfig c = parser.parse("gw.yaml", file("keepAliveSeconds: 30", "commitIntervalMs: " + value));

        assertThat(c.storage().commitIntervalMs()).isEqualTo(millis);
    }

    /**
     * GIVEN a time that is no duration, is out of range or is not whole seconds WHEN parsed THEN the file is refused at
     * the value's line and column with the range and both accepted forms.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1500ms", "2d", "-1", "30 seconds", "PT30S", "1.5"})
    void refusesBadTimesWithTheAcceptedForms(String value) {
        ConfigException e = catchThrowableOfType(() -> parser.parse("gw.yaml", file("keepAliveSeconds: " + value,
                "maxBytes: 64MB")), ConfigException.class);

        assertThat(e.getMessage()).contains("gw.yaml:4:21: hub.keepAliveSeconds must be a whole number of seconds from 0"
                + " to 65535, or a duration of whole seconds in that range (a duration such as 250ms, 30s, 5m, 1h or 1h30m"
                + " (units ms, s, m, h, d)), got '" + value + "'");
    }

    /** GIVEN outbox bounds in the size syntax WHEN parsed THEN they are those many bytes, units 1024-based. */
    @ParameterizedTest
    @CsvSource({"65536, 65536", "512KB, 524288", "64 MB, 67108864", "1GB, 1073741824", "2MiB, 2097152"})
    void sizesTakeTheOneSizeSyntax(String value, long bytes) throws Exception {
        GatewayConfig c = parser.parse("gw.yaml", file("keepAliveSeconds: 30", "maxBytes: " + value));

        assertThat(c.storage().maxBytes()).isEqualTo(bytes);
    }

    /** GIVEN a size that overflows, has a fraction or an unknown unit WHEN parsed THEN it is refused with what a size looks like. */
    @ParameterizedTest
    @ValueSource(strings = {"99999999999GB", "1.5MB", "64TB", "lots"})
    void refusesWhatIsNotASize(String value) {
        ConfigException e = catchThrowableOfType(() -> parser.parse("gw.yaml", file("keepAliveSeconds: 30",
                "maxBytes: " + value)), ConfigException.class);

        assertThat(e.getMessage()).contains("gw.yaml:7:13: storage.maxBytes must be a size like 67108864, 512KB or 64MB"
                + " (bytes, or KB, MB, GB: 1024-based), got '" + value + "'");
    }
}
