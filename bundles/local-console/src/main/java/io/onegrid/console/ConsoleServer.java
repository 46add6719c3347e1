package io.onegrid.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's Unix domain socket: one thread accepts, one thread per connection (at most
 * {@link ConsoleSettings#maxConnections()}) reads request lines and writes the dispatcher's reply lines. A line
 * longer than the limit is answered and the connection closed (what follows it cannot be trusted to be a request);
 * a connection idle longer than the idle timeout is closed, so a client that connects and says nothing cannot keep
 * the slot. The socket file gets mode 0660 before it has its name, so no one else ever reaches it.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final ConsoleDispatcher dispatcher;
    private final ConsoleSettings settings;
    private final ScheduledExecutorService watchdog;
    private final Semaphore slots;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final ServerSocketChannel server;
    private final Thread acceptor;

    /** Binds the socket and starts accepting; throws when the path is taken by a running console or unusable. */
    public ConsoleServer(ConsoleDispatcher dispatcher, ConsoleSettings settings, ScheduledExecutorService watchdog)
            throws IOException {
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.watchdog = watchdog;
        this.slots = new Semaphore(settings.maxConnections());
        this.server = bind(settings.socket());
        this.acceptor = new Thread(this::accept, "console-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        Files.createDirectories(socket.toAbsolutePath().getParent());
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                throw new IOException(socket + " is in use by another running gateway console");
            } catch (IOException refused) {
                if (refused.getMessage() != null && refused.getMessage().contains("in use")) throw refused;
                Files.delete(socket); // left by a gateway that did not stop cleanly
            }
        }
        // bound under a temporary name, given its mode, then renamed: clients only find it with mode 0660
        Path temp = socket.resolveSibling("." + socket.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temp));
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-rw----"));
            Files.move(temp, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        return channel;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("console: accepting a connection on {} failed: {}", settings.socket(), e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                try (client) {
                    reply(client, dispatcher.busy(settings.maxConnections()));
                } catch (IOException ignored) {
                    // the refused client went away; nothing to tell it
                }
                continue;
            }
            open.add(client);
            Thread t = new Thread(() -> serve(client), "console-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel client) {
        try (client; InputStream in = Channels.newInputStream(client)) {
            while (true) {
                ScheduledFuture<?> idle = watchdog.schedule(() -> closeQuietly(client),
                        settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
                Line line;
                try {
                    line = readLine(in, settings.maxRequestBytes());
                } finally {
                    idle.cancel(false);
                }
                if (line == null) return;
                if (line.oversized()) {
                    reply(client, dispatcher.oversized(settings.maxRequestBytes()));
                    return;
                }
                if (line.text().isBlank()) continue;
                reply(client, dispatcher.answer(line.text()));
            }
        } catch (IOException e) {
            LOG.debug("console connection ended: {}", e.getMessage());
        } finally {
            open.remove(client);
            slots.release();
        }
    }

    private record Line(String text, boolean oversized) { }

    /** The next line without its newline, an oversized marker once more than {@code limit} bytes came, or null at the end. */
    private static Line readLine(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') return new Line(buf.toString(StandardCharsets.UTF_8).strip(), false);
            if (buf.size() >= limit) return new Line(null, true);
            buf.write(b);
        }
        return buf.size() == 0 ? null : new Line(buf.toString(StandardCharsets.UTF_8).strip(), false);
    }

    private static void reply(SocketChannel client, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) client.write(bytes);
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    public Path socket() {
        return settings.socket();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) closeQuietly(c);
        Files.deleteIfExists(settings.socket());
    }
}
