package io.onegrid.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleServerTest {
    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private ConsoleServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
        pool.shutdownNow();
        watchdog.shutdownNow();
    }

    private ConsoleServer start(int maxConnections, Duration idle) throws IOException {
        ConsoleDispatcher d = new ConsoleDispatcher(pool, Duration.ofSeconds(5));
        d.add(ConsoleDispatcherTest.handler("ping", a -> Map.of("pong", true)));
        server = new ConsoleServer(d, new ConsoleSettings(dir.resolve("console.sock"), 128, Duration.ofSeconds(5), idle,
                maxConnections), watchdog);
        return server;
    }

    /** The socket answers one reply line per request line, and its file is 0660 (not world-accessible). */
    @Test
    void answersLinesOnA0660Socket() throws Exception {
        // GIVEN a running console
        start(2, Duration.ofSeconds(30));
        // WHEN a client sends two requests on one connection
        try (Client c = new Client(dir.resolve("console.sock"))) {
            // THEN each gets its reply, in order
            assertThat(c.ask("{\"command\":\"ping\"}")).contains("\"pong\":true");
            assertThat(c.ask("{\"command\":\"nope\"}")).contains("unknown_command");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("console.sock"))))
                .isEqualTo("rw-rw----");
    }

    /** A request over the size limit is refused with bad_request and its connection closed; the next client is served. */
    @Test
    void oversizedRequestIsRefused() throws Exception {
        // GIVEN a console that takes 128-byte requests
        start(1, Duration.ofSeconds(30));
        // WHEN a client sends 10 KB without a newline
        try (Client c = new Client(dir.resolve("console.sock"))) {
            String reply = c.ask("{\"command\":\"ping\",\"args\":{\"x\":\"" + "a".repeat(10_000) + "\"}}");
            // THEN it hears bad_request and the console hangs up
            assertThat(reply).contains("bad_request").contains("longer than 128 bytes");
            assertThat(ended(c)).isTrue();
        }
        // AND the only connection slot is free again for the next client
        try (Client c = new Client(dir.resolve("console.sock"))) {
            assertThat(c.ask("{\"command\":\"ping\"}")).contains("\"ok\":true");
        }
    }

    /** A client over the connection limit is answered busy at once; an idle one is closed after the idle timeout. */
    @Test
    void connectionsAreBoundedAndIdleOnesClosed() throws Exception {
        // GIVEN a console with one connection slot and a short idle timeout
        start(1, Duration.ofMillis(500));
        try (Client first = new Client(dir.resolve("console.sock"))) {
            assertThat(first.ask("{\"command\":\"ping\"}")).contains("\"ok\":true");
            // WHEN a second client connects while the first holds the slot
            try (Client second = new Client(dir.resolve("console.sock"))) {
                // THEN it is told busy without sending anything
                assertThat(second.in.readLine()).contains("busy");
            }
            // AND the silent first client is hung up on after the idle timeout (readLine returns at the close)
            assertThat(first.in.readLine()).isNull();
        }
    }

    /** A socket file left by a gateway that crashed is replaced rather than blocking the start. */
    @Test
    void staleSocketFileIsReplaced() throws Exception {
        // GIVEN a leftover file where the socket goes
        Files.writeString(dir.resolve("console.sock"), "stale");
        // WHEN the console starts
        start(1, Duration.ofSeconds(30));
        // THEN it listens there
        try (Client c = new Client(dir.resolve("console.sock"))) {
            assertThat(c.ask("{\"command\":\"ping\"}")).contains("\"ok\":true");
        }
    }

    /** True when the console closed the connection (the unread rest of a refused request may turn that into a reset). */
    private static boolean ended(Client c) {
        try {
            return c.in.readLine() == null;
        } catch (IOException reset) {
            return true;
        }
    }

    private static final class Client implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Client(Path socket) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        String ask(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
