package io.onegrid.gateway.config;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's {@code reload} command: re-reads the configuration file now, as the file watcher does after an edit
 * ({@link GatewayConfigLoader#reload}), for a file changed where no watch event reaches (a network mount, a watcher
 * that could not start). A bad file changes nothing and the reply lists its problems, each with its line, as the
 * log does (problems never carry a secret's value).
 */
final class ReloadCommand implements CommandHandler {
    private final GatewayConfigLoader loader;
    private final GatewayConfigParser parser;

    ReloadCommand(GatewayConfigLoader loader, GatewayConfigParser parser) {
        this.loader = loader;
        this.parser = parser;
    }

    @Override
    public String name() {
        return RELOAD;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only();
        Optional<SyncReport> applied = loader.reload();
        if (applied.isEmpty()) {
            throw new CommandException(CommandException.Code.CONFIG_INVALID, problems()
                    + "\nThe last good configuration stays in force.");
        }
        SyncReport r = applied.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changed", r.changedAnything());
        out.put("created", r.created());
        out.put("updated", r.updated());
        out.put("deleted", r.deleted());
        out.put("unchanged", r.unchanged());
        return out;
    }

    /**
     * What is wrong with the file: the loader logs its problems but only says that it refused, so the file is read
     * once more to name them; if it reads cleanly now, it changed again meanwhile, or applying it failed.
     */
    private String problems() {
        try {
            parser.parse(loader.file());
            return "configuration file " + loader.file() + " was not applied (see the gateway log)";
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }
}
