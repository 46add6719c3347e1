package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry keeps of a gateway's heartbeat, the same on every store: the latest figures of the gateway and
 * of each declared device, the clock offset from the heartbeat's send time, heartbeats of older gateways, and the
 * grid scope over all of it. Runs on SQLite and on PostgreSQL.
 */
public abstract class GatewayHealthContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    protected HubStore store;
    private final Grid grid = GridFile.demo();
    private long seq;

    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        store.replaceGrid(grid, GridFile.export(grid), "test");
        store.putGatewaySecret("gw-1", "hash-1");
        Timestamp ts = new Timestamp(clock.millis(), 1_000);
        store.apply(List.of(new StoreOp.Ingest(Envelope.of("gw-1", "boot-1", 0, ts, new Body.Birth("0.1.0", ts, List.of(
                new Body.DeclaredDevice("hydrant-b7", "hydrant-pressure-modbus", new Location("bldg-7", null, "pump-room", null)),
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("bldg-7", "302"))))))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Stores a heartbeat whose envelope says the gateway's wall clock read {@code gatewayWallMs} when it sent it. */
    private void heartbeat(long gatewayWallMs, Body.Health h) {
        assertThat(store.apply(List.of(new StoreOp.Ingest(Envelope.of("gw-1", "boot-1", ++seq,
                new Timestamp(gatewayWallMs, h.uptimeMs()), h))))).containsExactly(IngestResult.STORED);
    }

    private GatewayView gateway() {
        return store.gateway("gw-1", Scope.ALL).orElseThrow();
    }

    /**
     * GIVEN a heartbeat with every figure, sent by a gateway whose clock is 90 s ahead WHEN the gateway is read
     * THEN it has the backlog, its oldest age, the quarantine, the clock offset and state, and each declared device
     * its communication state and reading age as of that heartbeat; a device the birth did not declare is ignored.
     */
    @Test
    void latestHeartbeatIsKeptForTheGatewayAndItsDevices() {
        heartbeat(clock.millis() + 90_000, new Body.Health(3_600_000, 12, 3, List.of(
                new Body.DeviceStatus("hydrant-b7", true, Body.CommState.DEGRADED, 9_500L),
                new Body.DeviceStatus("smoke-302", false, Body.CommState.DOWN, null),
                new Body.DeviceStatus("not-declared", true, Body.CommState.OK, 1L)),
                2, 640, 1, 86_400_000L, Body.ClockSync.SYNCED));

        GatewayView g = gateway();

        assertThat(g.heartbeat()).isEqualTo(new GatewayView.Heartbeat(clock.instant(), 3_600_000L, 12L, 3L, 2L, 640L,
                1L, 86_400_000L, 90_000L, "synced"));
        assertThat(g.devices()).extracting(GatewayView.DeviceView::id).containsExactly("hydrant-b7", "smoke-302");
        assertThat(g.devices().get(0).heartbeat())
                .isEqualTo(new GatewayView.DeviceHeartbeat("degraded", 9_500L, clock.instant()));
        assertThat(g.devices().get(0).online()).isTrue();
        assertThat(g.devices().get(1).heartbeat()).isEqualTo(new GatewayView.DeviceHeartbeat("down", null, clock.instant()));
        assertThat(g.devices().get(1).online()).isFalse();
        assertThat(store.devices(Scope.ALL)).extracting(GatewayView.DeviceView::heartbeat)
                .containsExactlyElementsOf(g.devices().stream().map(GatewayView.DeviceView::heartbeat).toList());
    }

    /**
     * GIVEN a heartbeat WHEN a later one says otherwise (backlog gone, clock behind, device answering again)
     * THEN only the later one is shown, as of its own time.
     */
    @Test
    void aLaterHeartbeatReplacesTheEarlier() {
        heartbeat(clock.millis(), new Body.Health(1_000, 40, 0, List.of(
                new Body.DeviceStatus("smoke-302", false, Body.CommState.DOWN, null)), 0, 0, 0, 600_000L,
                Body.ClockSync.UNKNOWN));
        clock.advance(Duration.ofMinutes(1));

        heartbeat(clock.millis() - 2_000, new Body.Health(61_000, 0, 0, List.of(
                new Body.DeviceStatus("smoke-302", true, Body.CommState.OK, 300L)), 0, 0, 0, null,
                Body.ClockSync.UNKNOWN));

        GatewayView g = gateway();
        assertThat(g.heartbeat().at()).isEqualTo(clock.instant());
        assertThat(g.heartbeat().outboxPending()).isZero();
        assertThat(g.heartbeat().outboxOldestAgeMs()).isNull();
        assertThat(g.heartbeat().clockOffsetMs()).isEqualTo(-2_000L);
        assertThat(g.devices().get(1).heartbeat()).isEqualTo(new GatewayView.DeviceHeartbeat("ok", 300L, clock.instant()));
        assertThat(g.devices().get(1).stateSince()).isEqualTo(clock.instant());
    }

    /**
     * GIVEN a heartbeat as gateways sent it before the quarantine figures and communication states WHEN the gateway
     * is read THEN the quarantine reads 0, the oldest age null, the clock's and the device's state unknown; and
     * before any heartbeat there is none, for the gateway and its devices.
     */
    @Test
    void heartbeatsOfOlderGatewaysAndNoHeartbeatYet() {
        assertThat(gateway().heartbeat()).isNull();
        assertThat(gateway().devices()).allSatisfy(d -> assertThat(d.heartbeat()).isNull());

        heartbeat(clock.millis(), new Body.Health(1_000, 5, 1, List.of(new Body.DeviceStatus("hydrant-b7", true))));

        GatewayView.Heartbeat h = gateway().heartbeat();
        assertThat(h.outboxPending()).isEqualTo(5);
        assertThat(h.outboxQuarantined()).isZero();
        assertThat(h.outboxOldestAgeMs()).isNull();
        assertThat(h.clockSync()).isEqualTo("unknown");
        assertThat(h.clockOffsetMs()).isZero();
        assertThat(gateway().devices().get(0).heartbeat().commState()).isEqualTo("unknown");
        assertThat(gateway().devices().get(0).heartbeat().lastReadingAgeMs()).isNull();
    }

    /**
     * GIVEN the gateway placed in street xh-bs (its devices are in bldg-7) WHEN the other street's scope reads
     * gateways and devices THEN it sees neither the gateway nor its heartbeat; the street's own scope sees both.
     */
    @Test
    void heartbeatsAreScopedWithTheirGateway() {
        heartbeat(clock.millis(), new Body.Health(1_000, 5, 1, List.of(
                new Body.DeviceStatus("hydrant-b7", true, Body.CommState.OK, 10L)), 0, 0, 0, 20L, Body.ClockSync.SYNCED));
        Scope beishan = new Scope(grid.path("xh-bs").orElseThrow());
        Scope lingyin = new Scope(grid.path("xh-ly").orElseThrow());

        assertThat(store.gateway("gw-1", lingyin)).isEmpty();
        assertThat(store.gateways(lingyin)).isEmpty();
        assertThat(store.devices(lingyin)).isEmpty();
        assertThat(store.gateway("gw-1", beishan)).get().extracting(g -> g.heartbeat().outboxOldestAgeMs()).isEqualTo(20L);
        assertThat(store.devices(beishan)).extracting(d -> d.heartbeat() == null ? null : d.heartbeat().commState())
                .containsExactly("ok", null);
    }
}
