package io.onegrid.outbox;

import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the SQLite outbox as both {@link Outbox} and {@link AlarmStateStore}: one file, one writer,
 * so an alarm's state change and its message commit together. Requires its configuration: with the optional
 * policy it could activate before the gateway's loader wrote it, open the default file and keep it for the
 * whole run (the path applies only at start), so alarm state would land in the wrong file.
 */
@Component(service = {Outbox.class, AlarmStateStore.class}, configurationPid = OutboxComponent.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OutboxConfig.class)
public final class OutboxComponent extends DelegatingOutbox {
    public static final String PID = "io.onegrid.outbox";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxComponent.class);

    @Activate
    public OutboxComponent(OutboxConfig config) throws OutboxException {
        super(SqliteOutbox.open(settings(config), GatewayClock.SYSTEM));
        LOG.info("outbox open at {} (bound {} bytes, commit window {} ms, quarantine bound {} bytes)",
                delegate.settings().path().toAbsolutePath(), config.maxBytes(), config.commitIntervalMs(),
                config.quarantineMaxBytes());
    }

    @Modified
    void modified(OutboxConfig config) {
        OutboxSettings wanted = settings(config);
        if (!wanted.path().equals(delegate.settings().path())) {
            LOG.warn("outbox path change to {} takes effect at the next gateway start; still using {}",
                    wanted.path(), delegate.settings().path());
        }
        delegate.reconfigure(wanted.maxBytes(), wanted.commitIntervalMs(), wanted.quarantineMaxBytes());
    }

    @Deactivate
    void deactivate() {
        delegate.close();
    }

    static OutboxSettings settings(OutboxConfig config) {
        String path = config.path() == null || config.path().isBlank() ? "./run/gateway/outbox.db" : config.path();
        return new OutboxSettings(Path.of(path), config.maxBytes(), config.commitIntervalMs(),
                OutboxSettings.DEFAULT_MAX_BATCH, config.quarantineMaxBytes());
    }
}
