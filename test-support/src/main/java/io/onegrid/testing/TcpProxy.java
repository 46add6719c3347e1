package io.onegrid.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay standing in for the network between a gateway and its hub, which a test can break the ways
 * a real link breaks: cut every connection at once (a NAT or router reset), refuse new ones for a while (the link
 * is down), and deliver bytes late (a congested uplink). Bytes keep their order in each direction whatever the delay.
 *
 * <p>It also loses the hub's MQTT acknowledgements on demand: the one fault that makes a sender send again what the
 * receiver already stored, which is what de-duplication is for. It reads the MQTT fixed headers of what the hub
 * sends (type in the first byte's high nibble, then the variable-length Remaining Length) and leaves out whole
 * PUBACK packets, so the stream stays well-formed.
 */
public final class TcpProxy implements AutoCloseable {
    /** Marks the end of a direction in its queue: what was read before it is still written, then both sides close. */
    private static final Chunk END = new Chunk(0, new byte[0]);

    private record Chunk(long dueNanos, byte[] bytes) { }

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger acksLost = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private volatile boolean losingAcks;
    private volatile long delayNanos;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::accept);
    }

    /** The proxy's address as an MQTT server URI. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every relayed connection now, with no MQTT DISCONNECT: both ends see the connection closed. */
    public void cutAll() {
        cuts.incrementAndGet();
        note("cut " + sockets.size() / 2 + " connections");
        sockets.forEach(TcpProxy::closeQuietly);
    }

    /** While refusing, a new connection is closed as soon as it is accepted, as when the link is down. */
    public void refuse(boolean refuse) {
        refusing = refuse;
        note(refuse ? "link down" : "link up");
        if (refuse) cutAll();
    }

    /** Every chunk read from now on is written {@code millis} later (0: at once), after the chunks before it. */
    public void delay(long millis) {
        note("delay " + millis + " ms");
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** While on, every PUBACK the hub sends is dropped; what it acknowledged stays in flight at the gateway. */
    public void loseAcks(boolean lose) {
        losingAcks = lose;
        note(lose ? "losing acknowledgements" : "passing acknowledgements");
    }

    /** Connections accepted so far, including refused ones. */
    public int accepted() {
        return accepted.get();
    }

    public int cuts() {
        return cuts.get();
    }

    public int acksLost() {
        return acksLost.get();
    }

    /** What the link did and when (one line each), for reading a failed run against the processes' logs. */
    public List<String> events() {
        return List.copyOf(events);
    }

    private void note(String event) {
        events.add(Instant.now() + " " + event);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (refusing) {
                note("refused connection from port " + client.getPort());
                closeQuietly(client);
                continue;
            }
            // both are known before the hub sees the connection, so a cut from then on reaches them
            Socket upstream = new Socket();
            sockets.add(client);
            sockets.add(upstream);
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                relay(client, upstream, "up", null);
                relay(upstream, client, "down", new AckFilter());
                note("relaying port " + client.getPort() + " via port " + upstream.getLocalPort());
            } catch (IOException e) {
                note("hub not reachable for port " + client.getPort() + ": " + e.getMessage());
                // the hub is not listening: the gateway sees its connection closed at once
                for (Socket s : List.of(client, upstream)) {
                    closeQuietly(s);
                    sockets.remove(s);
                }
            }
        }
    }

    /**
     * One direction: a reader that stamps each chunk with its due time, and a writer that waits for it. {@code acks}
     * (hub to gateway only) takes lost acknowledgements out of each chunk.
     */
    private void relay(Socket from, Socket to, String direction, AckFilter acks) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("proxy-read-" + direction, () -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    byte[] bytes = acks == null ? Arrays.copyOf(buf, n) : acks.filter(buf, n);
                    if (bytes.length > 0) queue.add(new Chunk(System.nanoTime() + delayNanos, bytes));
                }
            } catch (IOException e) {
                // cut or closed by the other direction
            } finally {
                queue.add(END);
            }
        });
        daemon("proxy-write-" + direction, () -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk c = queue.take(); c != END; c = queue.take()) {
                    long wait = c.dueNanos() - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait); // the delay is the fault being injected
                    out.write(c.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    /** Follows MQTT packet boundaries across chunks and drops each PUBACK that starts while acks are being lost. */
    private final class AckFilter {
        private static final int PUBACK = 4;
        private boolean atStart = true;
        private boolean inLength;
        private long remaining;
        private long multiplier;
        private boolean dropping;

        byte[] filter(byte[] buf, int n) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream(n);
            for (int i = 0; i < n; i++) {
                int b = buf[i] & 0xff;
                if (atStart) {
                    dropping = losingAcks && b >>> 4 == PUBACK;
                    if (dropping) {
                        acksLost.incrementAndGet();
                        note("lost a PUBACK");
                    }
                    atStart = false;
                    inLength = true;
                    remaining = 0;
                    multiplier = 1;
                } else if (inLength) {
                    remaining += (b & 0x7f) * multiplier;
                    multiplier *= 128;
                    inLength = (b & 0x80) != 0;
                    atStart = !inLength && remaining == 0;
                } else {
                    atStart = --remaining == 0;
                }
                if (!dropping) kept.write(b);
            }
            return kept.toByteArray();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }
}
