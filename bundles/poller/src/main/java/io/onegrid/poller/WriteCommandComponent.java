package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Offers {@link WriteCommand} on the command whiteboard while the poller runs (it needs the poller's devices). */
@Component(service = CommandHandler.class, property = CommandHandler.NAME_PROPERTY + "=" + CommandHandler.WRITE)
public final class WriteCommandComponent implements CommandHandler {
    private final WriteCommand command;

    @Activate
    public WriteCommandComponent(@Reference DeviceAccess devices) {
        this.command = new WriteCommand(devices);
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
