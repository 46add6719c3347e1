package io.onegrid.outbox;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code outbox} command (local console and hub): how many messages wait and how long the oldest has waited,
 * what was dropped, and the quarantine's size. Read from {@link Outbox#stats()}; changes nothing.
 */
final class OutboxCommand implements CommandHandler {
    static final String OUTBOX = "outbox";

    private final Outbox outbox;
    private final GatewayClock clock;

    OutboxCommand(Outbox outbox, GatewayClock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String name() {
        return OUTBOX;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        OutboxStats s;
        try {
            s = outbox.stats();
        } catch (OutboxException e) {
            throw new CommandException(CommandException.Code.UNAVAILABLE, "the outbox cannot be read: " + e.getMessage(), e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pending", s.pending());
        m.put("pendingBytes", s.pendingBytes());
        // an age, not a time: the reader's clock and the gateway's may disagree; negative means the clock went back
        m.put("oldestPendingAgeMs", s.oldestPendingWallMs() == null ? null
                : Math.max(0, clock.wallMs() - s.oldestPendingWallMs()));
        m.put("droppedTelemetry", s.droppedTelemetry());
        m.put("quarantined", s.quarantined());
        m.put("quarantinedBytes", s.quarantinedBytes());
        m.put("quarantineEvicted", s.quarantineEvicted());
        return m;
    }
}
