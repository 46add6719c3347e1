package io.onegrid.gateway.config;

import java.nio.file.Path;

/**
 * What the executable jar's boot class asks before the OSGi framework exists: is the configuration file
 * usable, and where is its storage folder (the Felix cache goes under it). Called reflectively from a
 * plain class loader, so it uses nothing but the parser, SnakeYAML and device-profiles (the shared YAML reader
 * and the profile catalog that devices are checked against; its catalog class asks slf4j for a logger).
 */
public final class PreLaunch {
    private PreLaunch() {
    }

    /**
     * Parses {@code configFile} and returns the absolute storage folder ({@code storageOverride}, the
     * onegrid.storage property, when not null).
     *
     * @throws ConfigException with every problem of the file (file, line, what is wrong)
     */
    public static String storageDir(String configFile, String storageOverride) throws ConfigException {
        GatewayConfig config = GatewayConfigParser.forWorkingDirectory(storageOverride).parse(Path.of(configFile));
        return config.storage().dir().toString();
    }
}
