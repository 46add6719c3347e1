package io.onegrid.outbox;

import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Wiring only: the outbox's state commands on the command whiteboard while the outbox runs. */
final class ConsoleCommandsComponent {
    private ConsoleCommandsComponent() {
    }

    /** {@link OutboxCommand} as a whiteboard service. */
    @Component(service = CommandHandler.class, property = CommandHandler.NAME_PROPERTY + "=" + OutboxCommand.OUTBOX)
    public static final class OutboxHandler implements CommandHandler {
        private final OutboxCommand command;

        @Activate
        public OutboxHandler(@Reference Outbox outbox) {
            this.command = new OutboxCommand(outbox, GatewayClock.SYSTEM);
        }

        @Override
        public String name() {
            return command.name();
        }

        @Override
        public Map<String, Object> handle(CommandArgs args) throws CommandException {
            return command.handle(args);
        }
    }

    /** {@link AlarmsCommand} as a whiteboard service. */
    @Component(service = CommandHandler.class, property = CommandHandler.NAME_PROPERTY + "=" + AlarmsCommand.ALARMS)
    public static final class AlarmsHandler implements CommandHandler {
        private final AlarmsCommand command;

        @Activate
        public AlarmsHandler(@Reference AlarmStateStore store) {
            this.command = new AlarmsCommand(store, GatewayClock.SYSTEM);
        }

        @Override
        public String name() {
            return command.name();
        }

        @Override
        public Map<String, Object> handle(CommandArgs args) throws CommandException {
            return command.handle(args);
        }
    }
}
