package io.onegrid.poller;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The report policy as a reading listener: readings it lets through are batched into telemetry messages
 * (via the uplink's encoder) and appended to the outbox. Runs only while the encoder and outbox are there.
 * Immediate, so its listener service appears only once it is active: the poller, which it needs as
 * registry, then binds it without a circular activation.
 */
@Component(service = ReadingListener.class, configurationPid = TelemetryComponent.PID, immediate = true)
@Designate(ocd = TelemetryConfig.class)
public final class TelemetryComponent implements ReadingListener {
    static final String PID = "io.onegrid.telemetry";
    private static final long SWEEP_MS = 60_000;

    private final ReportPolicy policy;
    private final TelemetryBatcher batcher;
    private final ExecutorScheduler scheduler = new ExecutorScheduler("onegrid-telemetry");
    private final DeviceRegistry registry;
    private final GatewayClock clock = GatewayClock.SYSTEM;
    private volatile long lastSweepMs;

    @Activate
    public TelemetryComponent(@Reference DeviceRegistry registry, @Reference ProfileCatalog catalog,
                              @Reference UplinkEncoder encoder, @Reference Outbox outbox, TelemetryConfig config) {
        this.registry = registry;
        this.policy = new ReportPolicy(deviceId -> registry.device(deviceId).map(DeviceRef::profileId)
                .flatMap(catalog::find).map(DeviceProfile::report), clock,
                Duration.ofSeconds(Math.max(1, config.defaultHeartbeatSeconds())));
        this.batcher = new TelemetryBatcher(new TelemetrySender(encoder, outbox, clock), scheduler, clock,
                config.maxBatch(), config.flushIntervalMs(), config.maxPending());
    }

    @Override
    public void onReadings(List<Reading> readings) {
        batcher.add(policy.select(readings));
        long now = clock.monoMs();
        if (now - lastSweepMs >= SWEEP_MS) {
            lastSweepMs = now;
            // removed devices: their report state would otherwise stay forever
            for (String device : policy.devices()) {
                if (registry.device(device).isEmpty()) {
                    policy.forget(device);
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.close();
        batcher.flush(); // hand what waits to the outbox, which stays until we are gone
    }
}
