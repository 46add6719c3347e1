package io.onegrid.uplink;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import io.onegrid.protocol.Body;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a heartbeat says, read from where each fact lives at the moment it is sent: the outbox's figures (the
 * backlog, what was dropped, the quarantine, how long the oldest message has waited), each device's communication
 * state and reading age from the device registry, and whether the clock is synchronised. The envelope adds the
 * gateway's wall and monotonic clock at sending, so the hub can tell how far the wall clock is off.
 */
final class Heartbeat {
    private final GatewayClock clock;
    private final Outbox outbox;
    private final Function<String, DeviceHealth> health;
    private final Supplier<Body.ClockSync> clockSync;

    Heartbeat(GatewayClock clock, Outbox outbox, Function<String, DeviceHealth> health,
              Supplier<Body.ClockSync> clockSync) {
        this.clock = clock;
        this.outbox = outbox;
        this.health = health;
        this.clockSync = clockSync;
    }

    /** The heartbeat's body for these devices (the ones the birth declares). */
    Body.Health body(Collection<DeviceRef> devices) throws OutboxException {
        OutboxStats s = outbox.stats();
        // wall clock at both ends: the outbox keeps wall times (they outlive a boot); a step of the clock shows here
        Long oldestAge = s.oldestPendingWallMs() == null ? null : Math.max(0, clock.wallMs() - s.oldestPendingWallMs());
        List<Body.DeviceStatus> states = devices.stream().map(d -> status(d.id(), health.apply(d.id()))).toList();
        return new Body.Health(clock.monoMs(), s.pending(), s.droppedTelemetry(), states, s.quarantined(),
                s.quarantinedBytes(), s.quarantineEvicted(), oldestAge, clockSync.get());
    }

    private static Body.DeviceStatus status(String id, DeviceHealth h) {
        return new Body.DeviceStatus(id, h.state().online(), Body.CommState.valueOf(h.state().name()),
                h.lastReadingAgeMs());
    }
}
