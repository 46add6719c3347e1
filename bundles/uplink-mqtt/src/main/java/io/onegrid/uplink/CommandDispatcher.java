package io.onegrid.uplink;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.GatewayClock;
import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandError;
import io.onegrid.protocol.CommandReply;
import io.onegrid.protocol.ProtocolError;
import io.onegrid.protocol.ProtocolException;
import io.onegrid.protocol.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one command payload into one reply, never into silence: decodes and checks it, refuses it when its time is
 * up, finds the {@link CommandHandler} of its name (first registered wins, as for field drivers) and maps what the
 * handler returns or throws to the reply. A command id seen lately gets the reply it got then instead of running
 * again (the hub re-sends a command whose PUBACK it did not get). Thread-safe; handlers come and go at run time.
 *
 * <p>Expiry is checked twice, because the gateway's wall clock may be wrong (no RTC on a Pi): against the
 * command's {@code expiresAt} (hub time) with {@link #CLOCK_TOLERANCE_MS} of slack, and against the MQTT 5 Message
 * Expiry Interval counted from arrival on the monotonic clock, which needs no wall clock at all.
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    /** How far the gateway's wall clock may run ahead of the hub's before a fresh command looks expired. */
    public static final long CLOCK_TOLERANCE_MS = 120_000;
    /** How many recent command ids keep their reply, for re-sent commands. */
    static final int REMEMBERED = 64;

    /** A command as MQTT delivered it: the topic's command, the payload and the MQTT 5 properties the gateway uses. */
    public record Incoming(String topicCommand, byte[] payload, String correlationId, Long expirySeconds,
                           long receivedMonoMs) { }

    private final GatewayClock clock;
    private final CommandCodec codec = new CommandCodec();
    private final Map<String, List<CommandHandler>> handlers = new ConcurrentHashMap<>();
    private final Map<String, CommandReply> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandReply> eldest) {
            return size() > REMEMBERED;
        }
    };

    public CommandDispatcher(GatewayClock clock) {
        this.clock = clock;
    }

    public void add(CommandHandler handler) {
        List<CommandHandler> list = handlers.computeIfAbsent(handler.name(), n -> new CopyOnWriteArrayList<>());
        list.add(handler);
        if (list.size() > 1) LOG.warn("two handlers for command '{}'; the first registered answers", handler.name());
    }

    public void remove(CommandHandler handler) {
        List<CommandHandler> list = handlers.get(handler.name());
        if (list != null) list.remove(handler);
    }

    public CommandReply dispatch(Incoming in) {
        Command command;
        try {
            command = codec.decodeCommand(in.payload());
        } catch (ProtocolException e) {
            String id = codec.peekId(in.payload());
            CommandError code = e.error() == ProtocolError.UNSUPPORTED_VERSION ? CommandError.UNSUPPORTED_VERSION
                    : CommandError.BAD_REQUEST;
            return failed(id != null ? id : in.correlationId(), in.topicCommand(), code, e.getMessage());
        }
        CommandReply earlier;
        synchronized (recent) {
            earlier = recent.get(command.id());
        }
        if (earlier != null) {
            LOG.info("command {} ({}) arrived again; answering as before", command.id(), command.command());
            return earlier;
        }
        CommandReply reply = run(command, in);
        synchronized (recent) {
            recent.put(command.id(), reply);
        }
        return reply;
    }

    private CommandReply run(Command c, Incoming in) {
        if (!c.command().equals(in.topicCommand())) {
            return failed(c.id(), in.topicCommand(), CommandError.BAD_REQUEST, "payload command '" + c.command()
                    + "' is not the topic's '" + in.topicCommand() + "'");
        }
        long wall = clock.wallMs();
        if (wall > c.expiresAt() + CLOCK_TOLERANCE_MS) {
            return failed(c.id(), c.command(), CommandError.EXPIRED, "expired at " + Instant.ofEpochMilli(c.expiresAt())
                    + " (gateway clock " + Instant.ofEpochMilli(wall) + "); not executed");
        }
        if (in.expirySeconds() != null && clock.monoMs() - in.receivedMonoMs() > in.expirySeconds() * 1000) {
            return failed(c.id(), c.command(), CommandError.EXPIRED, "waited on the gateway longer than its message expiry"
                    + " interval of " + in.expirySeconds() + " s; not executed");
        }
        List<CommandHandler> list = handlers.getOrDefault(c.command(), List.of());
        CommandHandler handler = list.isEmpty() ? null : list.get(0);
        if (handler == null) {
            return CommandHandler.STANDARD.contains(c.command())
                    ? failed(c.id(), c.command(), CommandError.UNAVAILABLE, "'" + c.command() + "' cannot run now: the"
                            + " part of the gateway that carries it out is not running")
                    : failed(c.id(), c.command(), CommandError.UNKNOWN_COMMAND, "this gateway has no command '"
                            + c.command() + "'; it knows " + new java.util.TreeSet<>(handlers.keySet()));
        }
        try {
            Map<String, Object> result = handler.handle(new CommandArgs(c.args()));
            LOG.info("command {} ({}) done", c.id(), c.command());
            return CommandReply.ok(c.id(), c.command(), result, now());
        } catch (CommandException e) {
            LOG.info("command {} ({}) refused: {} {}", c.id(), c.command(), e.code(), e.getMessage());
            return failed(c.id(), c.command(), wireCode(e.code()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("command {} ({}) failed", c.id(), c.command(), e);
            return failed(c.id(), c.command(), CommandError.INTERNAL, "the gateway failed: " + e);
        }
    }

    /** The api's handler codes have wire codes of the same name (CommandDispatcherTest checks every one). */
    static CommandError wireCode(CommandException.Code code) {
        return CommandError.valueOf(code.name());
    }

    private CommandReply failed(String id, String command, CommandError error, String message) {
        return CommandReply.failed(id, command, error, message, now());
    }

    private Timestamp now() {
        return new Timestamp(clock.wallMs(), Math.max(0, clock.monoMs()));
    }
}
