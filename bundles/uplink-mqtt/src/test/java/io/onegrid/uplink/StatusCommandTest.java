package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private final TestClock clock = new TestClock();

    private static DeviceRef device(String id) {
        return new DeviceRef(id, "smoke-detector-gpio", "smoke=17", "gpio", new Coverage("bldg-7", "302", null, null), Map.of());
    }

    /** Status reports uptime, boot, outbox depth and which devices answer, counted. */
    @Test
    void reportsUptimeOutboxAndDevices() throws Exception {
        MemoryOutbox outbox = new MemoryOutbox();
        outbox.append(new OutboundMessage(Priority.ALARM, "alarm", new byte[10]));
        outbox.append(new OutboundMessage(Priority.TELEMETRY, "telemetry", new byte[5]));
        StatusCommand status = new StatusCommand(clock, "boot-1", "0.1.0", outbox,
                () -> List.of(device("smoke-302"), device("smoke-303")), "smoke-302"::equals);

        Map<String, Object> r = status.handle(CommandArgs.none());

        assertThat(r).containsEntry("uptimeMs", clock.monoMs()).containsEntry("bootId", "boot-1")
                .containsEntry("devicesOnline", 1).containsEntry("devicesTotal", 2);
        assertThat(r.get("outbox")).isEqualTo(Map.of("pending", 2L, "pendingBytes", 15L, "droppedTelemetry", 0L,
                "quarantined", 0L));
        assertThat(r.get("devices")).isEqualTo(List.of(Map.of("id", "smoke-302", "online", true),
                Map.of("id", "smoke-303", "online", false)));
    }

    /** Status and ping take no arguments: one given is refused as bad_request. */
    @Test
    void takesNoArguments() {
        StatusCommand status = new StatusCommand(clock, "b", "s", new MemoryOutbox(), List::of, id -> false);
        CommandArgs extra = new CommandArgs(Map.of("verbose", true));

        assertThatThrownBy(() -> status.handle(extra)).isInstanceOf(CommandException.class).hasMessageContaining("verbose");
        assertThatThrownBy(() -> new PingCommand().handle(extra)).isInstanceOf(CommandException.class);
    }
}
