package io.onegrid.outbox;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alarms} command (local console and hub): the alarms raised now, from the durable alarm state (so it
 * shows what the gateway will report after a restart too), oldest first.
 */
final class AlarmsCommand implements CommandHandler {
    static final String ALARMS = "alarms";

    private final AlarmStateStore store;
    private final GatewayClock clock;

    AlarmsCommand(AlarmStateStore store, GatewayClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return ALARMS;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        List<ActiveAlarm> active;
        try {
            active = new ArrayList<>(store.active());
        } catch (OutboxException e) {
            throw new CommandException(CommandException.Code.UNAVAILABLE, "the alarm state cannot be read: "
                    + e.getMessage(), e);
        }
        active.sort(Comparator.comparingLong(ActiveAlarm::raisedWallMs).thenComparing(ActiveAlarm::alarmId));
        List<Object> out = new ArrayList<>(active.size());
        for (ActiveAlarm a : active) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alarm", a.alarmId());
            m.put("device", a.deviceId());
            m.put("rule", a.ruleId());
            m.put("severity", a.severity());
            m.put("raisedWallMs", a.raisedWallMs());
            m.put("ageMs", Math.max(0, clock.wallMs() - a.raisedWallMs()));
            out.add(m);
        }
        return Map.of(ALARMS, out);
    }
}
