package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboxException;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.profile.ProfileCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wires the {@link RuleEngine} into the gateway: a {@link ReadingListener} on the poller's whiteboard,
 * a timer thread for ticks, a persist thread for the {@link AlarmPersister}. On activation it loads the
 * alarms that were raised before a restart (retrying on the timer if the store does not answer yet).
 */
@Component(service = ReadingListener.class, configurationPid = EdgeRulesComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RulesConfig.class)
public final class EdgeRulesComponent implements ReadingListener {
    public static final String PID = "io.onegrid.rules";
    private static final Logger LOG = LoggerFactory.getLogger(EdgeRulesComponent.class);

    private final AlarmStateStore store;
    private final ScheduledExecutorService timer;
    private final ScheduledThreadPoolExecutor persistThread;
    private final AlarmPersister persister;
    private final RuleEngine engine;
    private volatile boolean restoredFromStore;
    private int loadFailures;
    private ScheduledFuture<?> ticking;

    @Activate
    public EdgeRulesComponent(RulesConfig config, @Reference DeviceRegistry registry,
                              @Reference ProfileCatalog catalog, @Reference AlarmStateStore store,
                              @Reference UplinkEncoder encoder, @Reference ChannelWriter writer) {
        this.store = store;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> thread(r, "onegrid-edge-rules-timer"));
        this.persistThread = new ScheduledThreadPoolExecutor(1, r -> thread(r, "onegrid-edge-rules-persist"));
        persistThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.persister = new AlarmPersister(store, encoder,
                (task, delayMs) -> persistThread.schedule(task, delayMs, TimeUnit.MILLISECONDS), GatewayClock.SYSTEM,
                Duration.ofSeconds(Math.max(1, config.persistRetryMaxSeconds())).toMillis());
        this.engine = new RuleEngine(registry, catalog, writer, persister, GatewayClock.SYSTEM, zone(config),
                flapPolicy(config), () -> UUID.randomUUID().toString(),
                Duration.ofSeconds(Math.max(0, config.orphanGraceSeconds())));
        loadActiveAlarms();
        schedule(config);
    }

    @Modified
    void modified(RulesConfig config) {
        engine.flapPolicy(flapPolicy(config));
        engine.zone(zone(config));
        schedule(config);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        persistThread.shutdown();
        try {
            persistThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!persister.flush()) {
            LOG.error("Stopping with {} alarm transitions not persisted (the alarm store is failing); "
                    + "they are evaluated again after the restart", persister.unpersisted().size());
        }
    }

    @Override
    public void onReadings(List<Reading> readings) {
        engine.onReadings(readings);
    }

    @Override
    public void onCommunication(DeviceRef device, boolean faulted, String reason) {
        engine.onCommunication(device, faulted, reason);
    }

    private synchronized void schedule(RulesConfig config) {
        if (ticking != null) ticking.cancel(false);
        long interval = Math.max(50, config.tickIntervalMs());
        ticking = timer.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            if (!restoredFromStore) loadActiveAlarms();
            engine.tick();
        } catch (RuntimeException e) {
            LOG.error("Edge rules tick failed", e);
        }
    }

    /** Until the store answers, rules still run and act locally; only the restart bookkeeping waits. */
    private void loadActiveAlarms() {
        try {
            List<ActiveAlarm> active = store.active();
            engine.restore(active);
            restoredFromStore = true;
            if (!active.isEmpty()) LOG.info("Restored {} alarms raised before the restart", active.size());
        } catch (OutboxException | RuntimeException e) {
            if (loadFailures++ % 60 == 0) {
                LOG.error("Could not load the raised alarms from the alarm store ({}, attempt {}); rules run anyway, "
                        + "retrying on every tick", e.toString(), loadFailures);
            }
        }
    }

    private static FlapPolicy flapPolicy(RulesConfig config) {
        try {
            return new FlapPolicy(config.flapMaxChanges(), Duration.ofSeconds(config.flapWindowSeconds()));
        } catch (IllegalArgumentException e) {
            LOG.error("Configuration {}: {}; using the default flapping policy {}", PID, e.getMessage(), FlapPolicy.DEFAULT);
            return FlapPolicy.DEFAULT;
        }
    }

    private static ZoneId zone(RulesConfig config) {
        String name = config.timeZone() == null ? "" : config.timeZone().trim();
        if (name.isEmpty()) return ZoneId.systemDefault();
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            LOG.error("Configuration {}: timeZone '{}' is not a time zone; using the system zone {}", PID, name,
                    ZoneId.systemDefault());
            return ZoneId.systemDefault();
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
