package io.onegrid.uplink;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The hub's {@code status} command: uptime, boot id, software, outbox depth and which devices answer, now (the
 * health message says the same every minute; this is for an operator who cannot wait). An outbox that cannot be
 * read is reported inside the answer, not as a failure: the rest of the status is what one wants to see then.
 */
final class StatusCommand implements CommandHandler {
    private final GatewayClock clock;
    private final String bootId;
    private final String software;
    private final Outbox outbox;
    private final Supplier<Collection<DeviceRef>> devices;
    private final Predicate<String> online;

    StatusCommand(GatewayClock clock, String bootId, String software, Outbox outbox,
                  Supplier<Collection<DeviceRef>> devices, Predicate<String> online) {
        this.clock = clock;
        this.bootId = bootId;
        this.software = software;
        this.outbox = outbox;
        this.devices = devices;
        this.online = online;
    }

    @Override
    public String name() {
        return STATUS;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptimeMs", clock.monoMs());
        out.put("bootId", bootId);
        out.put("software", software);
        Map<String, Object> box = new LinkedHashMap<>();
        try {
            OutboxStats s = outbox.stats();
            box.put("pending", s.pending());
            box.put("pendingBytes", s.pendingBytes());
            box.put("droppedTelemetry", s.droppedTelemetry());
            box.put("quarantined", s.quarantined());
        } catch (OutboxException e) {
            box.put("error", e.code() + ": " + e.getMessage());
        }
        out.put("outbox", box);
        List<Object> list = new ArrayList<>();
        int up = 0;
        for (DeviceRef d : devices.get()) {
            boolean on = online.test(d.id());
            if (on) up++;
            list.add(Map.of("id", d.id(), "online", on));
        }
        out.put("devicesOnline", up);
        out.put("devicesTotal", list.size());
        out.put("devices", list);
        return out;
    }
}
