package io.onegrid.uplink;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Offers {@link StatusCommand} while the outbox and the encoder (boot id) are up; the device registry is optional,
 * so status answers even while the poller is down (with no devices).
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME_PROPERTY + "=" + CommandHandler.STATUS)
public final class StatusCommandComponent implements CommandHandler {
    private final StatusCommand command;
    private volatile DeviceRegistry registry;

    @Activate
    public StatusCommandComponent(@Reference Outbox outbox, @Reference EncoderComponent encoder, BundleContext context) {
        this.command = new StatusCommand(GatewayClock.SYSTEM, encoder.wire().bootId(),
                context.getBundle().getVersion().toString(), outbox, this::devices, this::online);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(DeviceRegistry r) {
        registry = r;
    }

    void unbindRegistry(DeviceRegistry r) {
        if (registry == r) registry = null;
    }

    private Collection<DeviceRef> devices() {
        DeviceRegistry r = registry;
        return r == null ? List.of() : r.devices();
    }

    private boolean online(String id) {
        DeviceRegistry r = registry;
        return r != null && r.online(id);
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
