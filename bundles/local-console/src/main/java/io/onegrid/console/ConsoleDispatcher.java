package io.onegrid.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.protocol.CommandError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one console request line ({@code {"command": "...", "args": {...}}}) into one reply line, never into
 * silence: {@code {"ok": true, "command": ..., "result": {...}}} or {@code {"ok": false, "command": ...,
 * "error": {"code": ..., "message": ...}}}, with the bridge's error codes. It calls the same
 * {@link CommandHandler}s the hub's commands reach (first registered wins, as in the uplink), on
 * {@code handlerPool}, and gives up on one after {@code timeout} so a stuck device read cannot hold a console
 * connection. Thread-safe; handlers come and go at run time.
 */
public final class ConsoleDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<CommandHandler>> handlers = new ConcurrentHashMap<>();
    private final ExecutorService handlerPool;
    private final Duration timeout;

    public ConsoleDispatcher(ExecutorService handlerPool, Duration timeout) {
        this.handlerPool = handlerPool;
        this.timeout = timeout;
    }

    public void add(CommandHandler handler) {
        handlers.computeIfAbsent(handler.name(), n -> new CopyOnWriteArrayList<>()).add(handler);
    }

    public void remove(CommandHandler handler) {
        List<CommandHandler> list = handlers.get(handler.name());
        if (list != null) list.remove(handler);
    }

    /** The reply (one JSON object, no newline) to one request line. */
    public String answer(String line) {
        String command = null;
        try {
            JsonNode request = JSON.readTree(line);
            if (request == null || !request.isObject()) throw bad("a request is one JSON object per line");
            JsonNode name = request.get("command");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                throw bad("the request needs \"command\": a non-empty string");
            }
            command = name.asText();
            JsonNode args = request.get("args");
            if (args != null && !args.isNull() && !args.isObject()) throw bad("\"args\" must be a JSON object");
            @SuppressWarnings("unchecked")
            Map<String, Object> values = args == null || args.isNull() ? Map.of() : JSON.convertValue(args, Map.class);
            return ok(command, run(command, new CommandArgs(values)));
        } catch (JsonProcessingException e) {
            return failed(command, CommandError.BAD_REQUEST, "not JSON: " + e.getOriginalMessage());
        } catch (Refusal r) {
            return failed(command, r.code, r.getMessage());
        }
    }

    /** The reply to a request that was not read to its end because it is longer than the console accepts. */
    public String oversized(int limitBytes) {
        return failed(null, CommandError.BAD_REQUEST, "request longer than " + limitBytes + " bytes; not executed");
    }

    /** The reply to a client the console has no room for. */
    public String busy(int connections) {
        return failed(null, CommandError.BUSY, "the console already serves " + connections
                + " connections; try again when one closes");
    }

    private Map<String, Object> run(String command, CommandArgs args) throws Refusal {
        List<CommandHandler> list = handlers.getOrDefault(command, List.of());
        if (list.isEmpty()) {
            if (CommandHandler.STANDARD.contains(command)) {
                throw new Refusal(CommandError.UNAVAILABLE, "'" + command + "' cannot run now: the part of the gateway"
                        + " that carries it out is not running");
            }
            throw new Refusal(CommandError.UNKNOWN_COMMAND, "this gateway has no command '" + command + "'; it knows "
                    + new TreeSet<>(handlers.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .map(Map.Entry::getKey).toList()));
        }
        CommandHandler handler = list.get(0);
        Future<Map<String, Object>> result;
        try {
            result = handlerPool.submit(() -> handler.handle(args));
        } catch (RejectedExecutionException e) {
            throw new Refusal(CommandError.BUSY, "the console is stopping or too busy; try again");
        }
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            LOG.warn("console command '{}' did not finish within {} ms; the client got 'busy'", command, timeout.toMillis());
            throw new Refusal(CommandError.BUSY, "'" + command + "' did not finish within " + timeout.toMillis()
                    + " ms; not waiting for it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new Refusal(CommandError.BUSY, "the console is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandException c) {
                throw new Refusal(CommandError.valueOf(c.code().name()), c.getMessage());
            }
            LOG.error("console command '{}' failed", command, e.getCause());
            throw new Refusal(CommandError.INTERNAL, "the gateway failed: " + e.getCause());
        }
    }

    private static String ok(String command, Map<String, Object> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("command", command);
        m.put("result", result);
        return write(m);
    }

    private static String failed(String command, CommandError code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("command", command);
        m.put("error", Map.of("code", code.wireName(), "message", message));
        return write(m);
    }

    private static String write(Map<String, Object> reply) {
        try {
            return JSON.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            // a handler returned something that is not a JSON value: a bug there, answered rather than dropped
            LOG.error("console reply cannot be written as JSON", e);
            return "{\"ok\":false,\"command\":null,\"error\":{\"code\":\"internal\",\"message\":\"the reply is not JSON\"}}";
        }
    }

    private static Refusal bad(String message) {
        return new Refusal(CommandError.BAD_REQUEST, message);
    }

    /** Why a request got no result; becomes the reply's error. */
    private static final class Refusal extends Exception {
        private final CommandError code;

        Refusal(CommandError code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
