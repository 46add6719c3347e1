package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import io.onegrid.protocol.Command;
import io.onegrid.protocol.CommandCodec;
import io.onegrid.protocol.CommandError;
import io.onegrid.protocol.CommandReply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {
    private final TestClock clock = new TestClock();
    private final CommandDispatcher dispatcher = new CommandDispatcher(clock);
    private final CommandCodec codec = new CommandCodec();
    private final AtomicInteger runs = new AtomicInteger();

    /** A handler of {@code name} that counts its runs and answers with its arguments, or fails as told. */
    private CommandHandler handler(String name, Exception failure) {
        return new CommandHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> handle(CommandArgs args) throws CommandException {
                runs.incrementAndGet();
                if (failure instanceof CommandException c) throw c;
                if (failure instanceof RuntimeException r) throw r;
                return Map.of("echo", args.values());
            }
        };
    }

    private CommandDispatcher.Incoming incoming(String topicCommand, byte[] payload, Long expirySeconds) {
        return new CommandDispatcher.Incoming(topicCommand, payload, "corr-1", expirySeconds, clock.monoMs());
    }

    private CommandReply send(String command, Map<String, Object> args, long ttlMs) {
        Command c = new Command("c-" + command, command, args, clock.wallMs(), clock.wallMs() + ttlMs);
        return dispatcher.dispatch(incoming(command, codec.encode(c), ttlMs / 1000));
    }

    private static String code(CommandReply r) {
        return r.failure() == null ? "ok" : r.failure().code();
    }

    /** A registered handler runs with the command's arguments and its result is the reply. */
    @Test
    void runsTheHandlerOfTheCommand() {
        dispatcher.add(handler("write", null));

        CommandReply r = send("write", Map.of("device", "smoke-302"), 60_000);

        assertThat(r.ok()).isTrue();
        assertThat(r.id()).isEqualTo("c-write");
        assertThat(r.result()).isEqualTo(Map.of("echo", Map.of("device", "smoke-302")));
        assertThat(r.ts().wallMs()).isEqualTo(clock.wallMs());
    }

    /** Without a handler a standard command is unavailable and any other unknown, each with a reply, not silence. */
    @Test
    void unknownAndUnavailableCommands() {
        CommandHandler ping = handler("ping", null);
        dispatcher.add(ping);
        assertThat(code(send("reboot", Map.of(), 60_000))).isEqualTo("unknown_command");
        assertThat(code(send("read", Map.of(), 60_000))).isEqualTo("unavailable");
        dispatcher.remove(ping);
        assertThat(code(send("ping", Map.of(), 60_000))).isEqualTo("unavailable");
        assertThat(runs).hasValue(0);
    }

    /** A payload that is not a command gets bad_request; a newer version unsupported_version, naming its id. */
    @Test
    void brokenPayloadsAreAnswered() {
        CommandReply garbage = dispatcher.dispatch(incoming("ping", "{oops".getBytes(StandardCharsets.UTF_8), null));
        CommandReply newer = dispatcher.dispatch(incoming("ping",
                "{\"v\":2,\"id\":\"c-9\",\"command\":\"ping\"}".getBytes(StandardCharsets.UTF_8), null));
        Command other = new Command("c-2", "ping", Map.of(), clock.wallMs(), clock.wallMs() + 1000);
        CommandReply mismatch = dispatcher.dispatch(incoming("status", codec.encode(other), null));

        assertThat(code(garbage)).isEqualTo("bad_request");
        assertThat(garbage.id()).isEqualTo("corr-1");
        assertThat(code(newer)).isEqualTo("unsupported_version");
        assertThat(newer.id()).isEqualTo("c-9");
        assertThat(code(mismatch)).isEqualTo("bad_request");
        assertThat(mismatch.failure().message()).contains("'ping' is not the topic's 'status'");
    }

    /**
     * GIVEN a command that expired 3 minutes ago by the gateway's clock THEN it is refused as expired and not run;
     * one that expired 1 minute ago (within the clock tolerance) still runs.
     */
    @Test
    void expiredByItsExpiresAt() {
        dispatcher.add(handler("ping", null));
        Command old = new Command("c-old", "ping", Map.of(), clock.wallMs() - 300_000, clock.wallMs() - 180_000);
        Command late = new Command("c-late", "ping", Map.of(), clock.wallMs() - 300_000, clock.wallMs() - 60_000);

        CommandReply refused = dispatcher.dispatch(incoming("ping", codec.encode(old), null));
        CommandReply ran = dispatcher.dispatch(incoming("ping", codec.encode(late), null));

        assertThat(code(refused)).isEqualTo("expired");
        assertThat(refused.failure().message()).contains("not executed");
        assertThat(ran.ok()).isTrue();
        assertThat(runs).hasValue(1);
    }

    /**
     * GIVEN a gateway whose wall clock is days behind (no RTC) and a command that waited on the gateway longer than
     * its MQTT message expiry interval THEN it is expired by the monotonic clock alone.
     */
    @Test
    void expiredByItsMessageExpiryInterval() {
        dispatcher.add(handler("ping", null));
        clock.wall.addAndGet(-3 * 86_400_000L);
        Command c = new Command("c-1", "ping", Map.of(), clock.wallMs() + 1, clock.wallMs() + 10_000_000);
        CommandDispatcher.Incoming in = new CommandDispatcher.Incoming("ping", codec.encode(c), null, 5L, clock.monoMs());

        clock.advance(6_000);

        assertThat(code(dispatcher.dispatch(in))).isEqualTo("expired");
        assertThat(runs).hasValue(0);
    }

    /** A handler's refusal keeps its code; a handler bug is internal; the hub gets a reply either way. */
    @Test
    void handlerFailuresBecomeCodes() {
        dispatcher.add(handler("write", new CommandException(CommandException.Code.NOT_WRITABLE, "smoke is an input")));
        dispatcher.add(handler("read", new IllegalStateException("boom")));

        CommandReply refused = send("write", Map.of(), 60_000);
        CommandReply bug = send("read", Map.of(), 60_000);

        assertThat(code(refused)).isEqualTo("not_writable");
        assertThat(refused.failure().message()).isEqualTo("smoke is an input");
        assertThat(code(bug)).isEqualTo("internal");
    }

    /** A command id seen lately gets its first reply again and is not run twice (a re-sent command). */
    @Test
    void aResentCommandRunsOnce() {
        dispatcher.add(handler("write", null));

        CommandReply first = send("write", Map.of("value", true), 60_000);
        CommandReply again = send("write", Map.of("value", true), 60_000);

        assertThat(again).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    /** Every code a handler can give has the wire code of the same name. */
    @Test
    void everyHandlerCodeHasAWireCode() {
        for (CommandException.Code c : CommandException.Code.values()) {
            assertThat(CommandDispatcher.wireCode(c).wireName()).isEqualTo(c.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(CommandError.valueOf("EXPIRED").wireName()).isEqualTo("expired");
    }
}
