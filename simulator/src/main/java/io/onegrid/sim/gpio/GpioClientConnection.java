package io.onegrid.sim.gpio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the GPIO line server: a reader thread parses commands, a writer thread drains a
 * bounded queue so a slow client never blocks the scenario or other clients (one that falls
 * {@value #MAX_QUEUED} lines behind is disconnected).
 */
final class GpioClientConnection implements LineObserver {
    static final int MAX_QUEUED = 10_000;
    static final int MAX_LINE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(GpioClientConnection.class);
    private static final String CLOSE = new String("<close>");

    private final Socket socket;
    private final GpioLineBank bank;
    private final Consumer<GpioClientConnection> onClose;
    private final BlockingQueue<String> outbound = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final String peer;
    private volatile boolean closed;

    GpioClientConnection(Socket socket, GpioLineBank bank, Consumer<GpioClientConnection> onClose) {
        this.socket = socket;
        this.bank = bank;
        this.onClose = onClose;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Queues the greeting and snapshot, then starts the reader and writer threads. */
    void start(List<GpioLineBank.Level> snapshot) {
        List<String> greeting = new java.util.ArrayList<>();
        greeting.add(GpioLineServer.HELLO);
        snapshot.forEach(l -> greeting.add("LINE " + l.name() + " " + l.level()));
        // The observer may already have queued changes: the greeting must come first.
        synchronized (outbound) {
            List<String> early = new java.util.ArrayList<>();
            outbound.drainTo(early);
            greeting.forEach(this::enqueue);
            early.forEach(this::enqueue);
        }
        LOG.debug("GPIO client {} connected", peer);
        thread("sim-gpio-write", this::writeLoop).start();
        thread("sim-gpio-read", this::readLoop).start();
    }

    @Override
    public void line(String name, int level) {
        synchronized (outbound) {
            enqueue("LINE " + name + " " + level);
        }
    }

    private void enqueue(String line) {
        if (!closed && !outbound.offer(line)) {
            LOG.warn("GPIO client {} is {} lines behind; disconnecting it", peer, MAX_QUEUED);
            close();
        }
    }

    private void writeLoop() {
        try (OutputStream out = socket.getOutputStream()) {
            while (true) {
                String line = outbound.take();
                if (line == CLOSE) {
                    return;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (outbound.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            LOG.debug("GPIO client {} write failed: {}", peer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            BoundedLineReader reader = new BoundedLineReader(in, MAX_LINE);
            String line;
            while ((line = reader.readLine()) != null) {
                if (line == BoundedLineReader.TOO_LONG) {
                    reply("ERR line longer than " + MAX_LINE + " bytes ignored");
                    continue;
                }
                handle(line.strip());
            }
        } catch (IOException e) {
            LOG.debug("GPIO client {} read failed: {}", peer, e.getMessage());
        } finally {
            close();
        }
    }

    void handle(String command) {
        if (command.isEmpty()) {
            return;
        }
        String[] parts = command.split("\\s+");
        if (!parts[0].equals("SET")) {
            reply("ERR unknown command '" + printable(parts[0]) + "'; expected SET <line> <0|1>");
            return;
        }
        if (parts.length != 3 || !(parts[2].equals("0") || parts[2].equals("1"))) {
            reply("ERR malformed SET; expected SET <line> <0|1>");
            return;
        }
        try {
            bank.set(parts[1], Integer.parseInt(parts[2]));
        } catch (IllegalArgumentException e) {
            reply("ERR " + printable(e.getMessage()));
        }
    }

    private void reply(String line) {
        synchronized (outbound) {
            enqueue(line);
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        bank.unobserve(this);
        outbound.clear();
        outbound.offer(CLOSE);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing more to do
        }
        onClose.accept(this);
        LOG.debug("GPIO client {} disconnected", peer);
    }

    /** Echoes client text back without control characters and at bounded length. */
    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
