package io.onegrid.gateway.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Configuration Admin in line with the configuration file. {@link #loadInitial()} fails loudly (the
 * gateway must not start devices from a broken file); {@link #reload()} after a live edit keeps the last
 * good configuration in force when the edited file is bad, logs what is wrong, and applies the file as
 * soon as it is fixed. Before Configuration Admin sees a configuration, its hub secret is put in a file
 * ({@link PasswordFileStore}): Configuration Admin holds the path only.
 */
public final class GatewayConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfigLoader.class);

    private final Path file;
    private final String source;
    private final GatewayConfigParser parser;
    private final ConfigSync sync;
    private final PasswordFileStore secrets;
    private volatile GatewayConfig current;

    public GatewayConfigLoader(Path file, GatewayConfigParser parser, ConfigStore store) {
        this(file, parser, store, new PasswordFileStore());
    }

    public GatewayConfigLoader(Path file, GatewayConfigParser parser, ConfigStore store, PasswordFileStore secrets) {
        this.file = file.toAbsolutePath().normalize();
        this.source = this.file.toString();
        this.parser = parser;
        this.sync = new ConfigSync(store);
        this.secrets = secrets;
    }

    public Path file() {
        return file;
    }

    /** The configuration in force: the last file that parsed cleanly. */
    public Optional<GatewayConfig> current() {
        return Optional.ofNullable(current);
    }

    public synchronized SyncReport loadInitial() throws ConfigException {
        GatewayConfig config = parser.parse(file);
        SyncReport report = apply(config);
        LOG.info("Configuration {} applied: gateway {}, {} buses, {} devices; {}", file, config.gatewayId(),
                config.buses().size(), config.devices().size(), report);
        return report;
    }

    /** Re-reads the file after a change; returns empty when the file is bad and nothing was changed. */
    public synchronized Optional<SyncReport> reload() {
        GatewayConfig config;
        SyncReport report;
        try {
            config = parser.parse(file);
            if (current != null && !config.gatewayId().equals(current.gatewayId())) {
                LOG.warn("gateway.id changed from {} to {}: the uplink reconnects under the new id",
                        current.gatewayId(), config.gatewayId());
            }
            report = apply(config);
        } catch (ConfigException e) {
            LOG.error("{}\nThe last good configuration stays in force until the file is fixed.", e.getMessage());
            return Optional.empty();
        }
        if (report.changedAnything()) {
            LOG.info("Configuration {} changed: {} buses, {} devices; {}", file, config.buses().size(),
                    config.devices().size(), report);
        } else {
            LOG.debug("Configuration {} re-read, nothing changed", file);
        }
        return Optional.of(report);
    }

    private SyncReport apply(GatewayConfig config) throws ConfigException {
        PasswordFile password;
        try {
            password = secrets.prepare(config).orElse(null);
        } catch (IOException e) {
            // IOException messages name paths, never file content: safe to show.
            throw new ConfigException(source, 0, "cannot keep the hub password in a file: " + e);
        }
        SyncReport report = sync.apply(ConfigTranslator.translate(config, password, source), source);
        current = config;
        return report;
    }
}
