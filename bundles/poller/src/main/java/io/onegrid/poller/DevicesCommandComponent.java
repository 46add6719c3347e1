package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Offers {@link DevicesCommand} on the command whiteboard while the poller runs, and as a reading listener so it
 * knows each channel's last value.
 */
@Component(service = {CommandHandler.class, ReadingListener.class},
        property = CommandHandler.NAME_PROPERTY + "=" + DevicesCommand.DEVICES)
public final class DevicesCommandComponent implements CommandHandler, ReadingListener {
    private final DevicesCommand command;

    @Activate
    public DevicesCommandComponent(@Reference DeviceAccess devices) {
        this.command = new DevicesCommand(devices);
    }

    @Override
    public String name() {
        return command.name();
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        return command.handle(args);
    }

    @Override
    public void onReadings(List<Reading> readings) {
        command.onReadings(readings);
    }
}
