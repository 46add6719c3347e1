package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Offers {@link DevicesCommand} on the command whiteboard while the poller runs. */
@Component(service = CommandHandler.class,
        property = CommandHandler.NAME_PROPERTY + "=" + DevicesCommand.DEVICES)
public final class DevicesCommandComponent implements CommandHandler {
    private final DevicesCommand command;

    @Activate
    public DevicesCommandComponent(@Reference DeviceAccess devices, @Reference LastValuesComponent values) {
        this.command = new DevicesCommand(devices, values.values());
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
