package io.onegrid.gateway.config;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The gateway's launch-time settings, read from framework properties (which also see -D system
 * properties): the configuration file, self-test mode and its deadline, and how long a stop may take.
 *
 * @param configFile      onegrid.config: path of the YAML configuration file (required)
 * @param storageDir      onegrid.storage: replaces the file's storage.dir (null: use the file's)
 * @param selfTest        onegrid.selftest: print every bundle and component state, exit 0 when all are up
 * @param selfTestTimeout onegrid.selftest.timeoutSeconds: how long the self test waits for components (30)
 * @param stopTimeout     onegrid.stop.timeoutSeconds: how long SIGTERM waits for a clean framework stop (20)
 */
public record LaunchSettings(String configFile, String storageDir, boolean selfTest, Duration selfTestTimeout,
                             Duration stopTimeout) {
    public static final String CONFIG = "onegrid.config";
    public static final String STORAGE = "onegrid.storage";
    public static final String SELFTEST = "onegrid.selftest";
    public static final String SELFTEST_TIMEOUT = "onegrid.selftest.timeoutSeconds";
    public static final String STOP_TIMEOUT = "onegrid.stop.timeoutSeconds";

    public static LaunchSettings from(UnaryOperator<String> properties) {
        return new LaunchSettings(blankToNull(properties.apply(CONFIG)), blankToNull(properties.apply(STORAGE)),
                Boolean.parseBoolean(properties.apply(SELFTEST)),
                Duration.ofSeconds(seconds(properties.apply(SELFTEST_TIMEOUT), 30)),
                Duration.ofSeconds(seconds(properties.apply(STOP_TIMEOUT), 20)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static long seconds(String text, long fallback) {
        try {
            return text == null ? fallback : Math.max(1, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
