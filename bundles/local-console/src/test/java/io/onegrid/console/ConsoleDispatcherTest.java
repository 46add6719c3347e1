package io.onegrid.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ConsoleDispatcher dispatcher = new ConsoleDispatcher(pool, Duration.ofMillis(300));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A known command's handler gets the request's args and its result is the reply's result. */
    @Test
    void answersWithTheHandlersResult() throws Exception {
        // GIVEN a handler that echoes its argument
        dispatcher.add(handler("read", a -> Map.of("device", a.values().get("device"))));
        // WHEN a client asks for it
        JsonNode reply = reply("{\"command\":\"read\",\"args\":{\"device\":\"pump-1\"}}");
        // THEN the reply is ok and carries the handler's result
        assertThat(reply.get("ok").asBoolean()).isTrue();
        assertThat(reply.at("/result/device").asText()).isEqualTo("pump-1");
    }

    /** An unknown command is answered unknown_command naming the commands there are, a standard one unavailable. */
    @Test
    void unknownCommandIsAnsweredNotDropped() throws Exception {
        // GIVEN only a ping handler
        dispatcher.add(handler("ping", a -> Map.of()));
        // WHEN a client asks for a command nobody registered, and for a standard one whose bundle is not running
        JsonNode unknown = reply("{\"command\":\"reboot\"}");
        JsonNode standard = reply("{\"command\":\"status\"}");
        // THEN each gets an error reply with the bridge's code
        assertThat(unknown.at("/error/code").asText()).isEqualTo("unknown_command");
        assertThat(unknown.at("/error/message").asText()).contains("reboot").contains("[ping]");
        assertThat(standard.at("/error/code").asText()).isEqualTo("unavailable");
    }

    /** A line that is not a request (not JSON, no command, args not an object) is a bad_request, not an exception. */
    @Test
    void malformedRequestsAreBadRequests() throws Exception {
        // GIVEN a dispatcher with handlers
        dispatcher.add(handler("ping", a -> Map.of()));
        // WHEN clients send broken requests
        // THEN each is answered bad_request
        for (String line : new String[] {"not json", "[1]", "{\"args\":{}}", "{\"command\":\"ping\",\"args\":[1]}"}) {
            assertThat(reply(line).at("/error/code").asText()).as(line).isEqualTo("bad_request");
        }
    }

    /** A handler's CommandException becomes the reply's error with the same code. */
    @Test
    void handlerRefusalKeepsItsCode() throws Exception {
        // GIVEN a read handler that does not know the device
        dispatcher.add(handler("read", a -> {
            throw new CommandException(CommandException.Code.UNKNOWN_DEVICE, "no device 'x'");
        }));
        // WHEN it is asked
        JsonNode reply = reply("{\"command\":\"read\",\"args\":{\"device\":\"x\"}}");
        // THEN the reply says unknown_device with the handler's message
        assertThat(reply.at("/error/code").asText()).isEqualTo("unknown_device");
        assertThat(reply.at("/error/message").asText()).isEqualTo("no device 'x'");
    }

    /** A handler slower than the timeout gets 'busy' back within the timeout and is interrupted, not waited for. */
    @Test
    void slowHandlerTimesOut() throws Exception {
        // GIVEN a handler that blocks until interrupted
        CountDownLatch interrupted = new CountDownLatch(1);
        dispatcher.add(handler("read", a -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Map.of();
        }));
        // WHEN a client asks for it
        long start = System.nanoTime();
        JsonNode reply = reply("{\"command\":\"read\",\"args\":{\"device\":\"slow\"}}");
        // THEN the client hears 'busy' after about the timeout, and the handler was interrupted
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(reply.at("/error/code").asText()).isEqualTo("busy");
        assertThat(reply.at("/error/message").asText()).contains("300 ms");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /** A handler bug is answered internal instead of ending the connection. */
    @Test
    void handlerBugIsInternal() throws Exception {
        // GIVEN a handler that throws
        dispatcher.add(handler("status", a -> {
            throw new IllegalStateException("boom");
        }));
        // WHEN it is asked
        // THEN the reply is an internal error
        assertThat(reply("{\"command\":\"status\"}").at("/error/code").asText()).isEqualTo("internal");
    }

    private JsonNode reply(String line) throws Exception {
        String answer = dispatcher.answer(line);
        assertThat(answer).doesNotContain("\n");
        return JSON.readTree(answer);
    }

    interface Body {
        Map<String, Object> apply(CommandArgs args) throws CommandException;
    }

    static CommandHandler handler(String name, Body body) {
        return new CommandHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> handle(CommandArgs args) throws CommandException {
                return body.apply(args);
            }
        };
    }
}
