package io.onegrid.api;

import java.util.Map;
import java.util.Set;

/**
 * Whiteboard service: carries out one command the hub sends ({@code og/v1/gw/{id}/cmd/{name}}), registered by
 * the bundle that has the capability (the poller reads and writes devices, the configuration loader reloads the
 * file, the uplink answers ping and status). The uplink's dispatcher decodes the command, checks its expiry and
 * hands its arguments here; what {@link #handle} returns, or the {@link CommandException} it throws, becomes the
 * reply. Called on the uplink's command thread, one command at a time: it may block for as long as a device
 * answer takes (bounded by the device's timeouts), never indefinitely.
 */
public interface CommandHandler {
    /**
     * Service property with the command's name, for people reading the service registry (the gateway's self test
     * lists it); the dispatcher goes by {@link #name()}.
     */
    String NAME_PROPERTY = "onegrid.command";
    String PING = "ping";
    String READ = "read";
    String WRITE = "write";
    String RELOAD = "reload";
    String STATUS = "status";
    /**
     * The commands every OneGrid gateway knows. One of these without a registered handler (its bundle is not
     * running) is answered "unavailable"; any other unknown name "unknown_command".
     */
    Set<String> STANDARD = Set.of(PING, READ, WRITE, RELOAD, STATUS);

    /** The command this handler carries out: the topic's last level, lower case. */
    String name();

    /**
     * Carries the command out; returns the reply's result (JSON values: String, Boolean, Number, List, Map, null).
     *
     * @throws CommandException when it cannot, with the code the reply carries
     */
    Map<String, Object> handle(CommandArgs args) throws CommandException;
}
