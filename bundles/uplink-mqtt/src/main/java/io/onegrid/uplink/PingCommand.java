package io.onegrid.uplink;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The hub's {@code ping} command: answers {@code {"pong": true}} (the reply's {@code ts} carries the gateway's
 * clocks). A plain class that is its own DS component: it needs nothing but to be there.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME_PROPERTY + "=" + CommandHandler.PING)
public final class PingCommand implements CommandHandler {
    @Override
    public String name() {
        return PING;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        return Map.of("pong", true);
    }
}
