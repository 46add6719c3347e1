package io.onegrid.hub.commands;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.CommandRecord;
import io.onegrid.hub.store.CommandState;
import io.onegrid.hub.store.HubStore;
import io.onegrid.protocol.Command;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Commands from operators to gateways, between the REST API and the MQTT sessions. The hub is the gateways' MQTT
 * server, so there is no broker to queue for an absent gateway: every command is first recorded in the store
 * (PENDING, with its expiry), then sent at once if the gateway's session has subscribed to its commands, else
 * when it (re)subscribes ({@link #subscribed}), until it expires. The caller waits for the reply up to its timeout;
 * a reply that comes later is recorded all the same. Sessions are kept per gateway id (the newest wins, as for
 * connections); pending commands live in the store, so they also survive a hub restart.
 */
public final class CommandService {
    /** Commands one gateway may have waiting for delivery; more are refused (409) rather than piled up. */
    public static final int MAX_PENDING_PER_GATEWAY = 32;

    /** A gateway session that takes commands: what it subscribed to, and how to send one. */
    public interface Sink {
        String gatewayId();

        /** Whether the session's subscriptions cover {@code og/v1/gw/{id}/cmd/{command}}. */
        boolean accepts(String command);

        /** Sends the command (any thread: the session moves to its own); sending the same id twice sends it once. */
        void send(CommandRecord command);
    }

    /** What an operator asked for; {@code argsJson} is the JSON object of arguments. */
    public record Request(String gatewayId, String command, String argsJson, String sentBy, Duration ttl,
                          Duration timeout) { }

    private final Vertx vertx;
    private final HubStore store;
    private final Clock clock;
    private final ConcurrentMap<String, Sink> sinks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Promise<CommandRecord>> waiting = new ConcurrentHashMap<>();

    public CommandService(Vertx vertx, HubStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records the command, sends it if the gateway listens, and completes with the command as answered when the
     * reply comes within {@code timeout} (or its ttl, if shorter); fails with GATEWAY_TIMEOUT (details: id, state,
     * expiresAt) otherwise, or CONFLICT when the gateway has too many commands waiting.
     */
    public Future<CommandRecord> send(Request r) {
        Instant now = clock.instant();
        CommandRecord record = CommandRecord.pending(UUID.randomUUID().toString(), r.gatewayId(), r.command(),
                r.argsJson(), r.sentBy(), now, now.plus(r.ttl()));
        Promise<CommandRecord> answered = Promise.promise();
        waiting.put(record.id(), answered); // before sending: the reply may beat the rest of this method
        return vertx.executeBlocking(() -> {
            store.createCommand(record, MAX_PENDING_PER_GATEWAY);
            return record;
        }, false).compose(created -> {
            Sink sink = sinks.get(created.gatewayId());
            if (sink != null && sink.accepts(created.command())) sink.send(created);
            long waitMs = Math.max(1, Math.min(r.timeout().toMillis(), r.ttl().toMillis()));
            long timer = vertx.setTimer(waitMs, t -> {
                if (waiting.remove(created.id(), answered)) answered.tryFail(new TimedOut());
            });
            return answered.future().onComplete(x -> vertx.cancelTimer(timer));
        }).recover(e -> {
            waiting.remove(record.id(), answered);
            if (!(e instanceof TimedOut)) return Future.failedFuture(e);
            return vertx.executeBlocking(() -> store.command(record.id()).orElse(record), false)
                    .compose(now2 -> Future.failedFuture(timedOut(now2, r.timeout())));
        });
    }

    /** The wait ended without a reply (not an error of its own: it becomes GATEWAY_TIMEOUT with the state). */
    private static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut() {
            super("no reply in time", null, false, false);
        }
    }

    private HubException timedOut(CommandRecord c, Duration wait) {
        CommandState state = c.stateAt(clock.instant());
        String why = state == CommandState.EXPIRED ? "expired before gateway " + c.gatewayId() + " answered it"
                : "gateway " + c.gatewayId() + " did not answer within " + wait.toMillis() + " ms; the command stays "
                        + state.wireName() + " until " + c.expiresAt() + " and a later reply is still recorded (GET "
                        + "/api/gateways/" + c.gatewayId() + "/commands)";
        return new HubException(HubError.GATEWAY_TIMEOUT, "command " + c.command() + " " + why,
                Map.of("id", c.id(), "state", state.wireName(), "expiresAt", c.expiresAt().toString()));
    }

    /** A session subscribed to (some of) its commands: it becomes the gateway's sink and gets what waits for it. */
    public void subscribed(Sink sink) {
        sinks.put(sink.gatewayId(), sink);
        vertx.executeBlocking(() -> store.pendingCommands(sink.gatewayId(), clock.instant()), false).onSuccess(list -> {
            for (CommandRecord c : list) {
                if (sink.accepts(c.command())) sink.send(c);
            }
        });
    }

    /** The session ended (or unsubscribed from everything). */
    public void gone(Sink sink) {
        sinks.remove(sink.gatewayId(), sink);
    }

    /** The gateway acknowledged a command's PUBLISH. */
    public Future<Boolean> delivered(String commandId) {
        return vertx.executeBlocking(() -> store.commandDelivered(commandId, clock.instant()), false);
    }

    /**
     * The gateway answered: records it (the first answer wins) and hands it to whoever still waits. Empty when the
     * command is unknown, another gateway's, or already answered.
     */
    public Future<Optional<CommandRecord>> replied(String gatewayId, String commandId, CommandState state,
                                                   String errorCode, String replyJson) {
        return vertx.executeBlocking(() -> store.commandReplied(gatewayId, commandId, state, errorCode, replyJson,
                clock.instant()), false).onSuccess(r -> r.ifPresent(c -> {
                    Promise<CommandRecord> p = waiting.remove(c.id());
                    if (p != null) p.tryComplete(c);
                }));
    }

    /** The command as the gateway receives it: its arguments as JSON values, hub times in epoch ms. */
    public static Command wire(CommandRecord c) {
        return new Command(c.id(), c.command(), new JsonObject(c.argsJson()).getMap(), c.createdAt().toEpochMilli(),
                c.expiresAt().toEpochMilli());
    }
}
