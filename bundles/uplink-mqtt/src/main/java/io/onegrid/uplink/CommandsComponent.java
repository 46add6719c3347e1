package io.onegrid.uplink;

import io.onegrid.api.CommandHandler;
import io.onegrid.api.GatewayClock;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Collects the gateway's {@link CommandHandler}s (whiteboard: the poller's read and write, the configuration
 * loader's reload, this bundle's ping and status) into one {@link CommandDispatcher}. Bundle-private service for
 * {@link UplinkComponent}; it outlives the MQTT session, so a reconfigured session keeps the handlers and the
 * replies of recent commands.
 */
@Component(service = CommandsComponent.class, immediate = true)
public final class CommandsComponent {
    private final CommandDispatcher dispatcher = new CommandDispatcher(GatewayClock.SYSTEM);

    @Reference(name = "handler", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeHandler")
    void addHandler(CommandHandler handler) {
        dispatcher.add(handler);
    }

    void removeHandler(CommandHandler handler) {
        dispatcher.remove(handler);
    }

    CommandDispatcher dispatcher() {
        return dispatcher;
    }
}
