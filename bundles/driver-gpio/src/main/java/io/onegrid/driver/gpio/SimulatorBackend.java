package io.onegrid.driver.gpio;

import io.onegrid.api.DriverException;
import io.onegrid.profile.Backoff;
import io.onegrid.profile.GpioPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPIO lines served by the OneGrid GPIO simulator over TCP (see docs/gateway-gpio.md): reads
 * {@code HELLO onegrid-gpio-sim 1}, then {@code LINE <name> <0|1>} snapshots and changes, and sends
 * {@code SET <name> <0|1>} for outputs. One connection serves every line. While it is down every line
 * reads UNKNOWN; it reconnects with exponential backoff and the snapshot re-syncs the levels. Outputs
 * set before are driven again after a reconnect (the simulator may have restarted). Oversized or garbled
 * lines are dropped with a rate-limited WARN; the connection stays up.
 */
public final class SimulatorBackend implements GpioBackend {
    static final String HELLO = "HELLO onegrid-gpio-sim 1";
    static final int MAX_LINE_BYTES = 512;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorBackend.class);
    private static final Pattern LINE = Pattern.compile("LINE (\\S{1,200}) ([01])");
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private final HostPort address;
    private final Duration maxBackoff;
    /** Confined to the reader thread. No jitter: one gateway per simulator link, nobody to spread out from. */
    private final Backoff.Retries reconnects;
    private final Map<String, LineLevel> levels = new ConcurrentHashMap<>();
    private final Map<String, List<LevelListener>> listeners = new ConcurrentHashMap<>();
    private final Map<String, LineLevel> outputs = new ConcurrentHashMap<>();
    private final RateLimitedWarn garbage = new RateLimitedWarn(LOG, Duration.ofSeconds(10), System::nanoTime);
    private final AtomicLong rejectedLines = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Object writeLock = new Object();
    private final Thread reader;

    private volatile boolean closed;
    private volatile boolean connected;
    private volatile String lastProblem = "not connected yet";
    private Socket socket;
    private OutputStream out;

    public SimulatorBackend(HostPort address, Duration initialBackoff, Duration maxBackoff) {
        this.address = address;
        this.maxBackoff = maxBackoff;
        this.reconnects = new Backoff(new Random()).retries(initialBackoff.toMillis(), maxBackoff.toMillis(), 0);
        this.reader = new Thread(this::run, "onegrid-gpio-sim " + address);
        this.reader.setDaemon(true);
    }

    /** A backend with production backoff (0.2 s doubling to 10 s), already connecting. */
    public static SimulatorBackend start(HostPort address) {
        return new SimulatorBackend(address, Duration.ofMillis(200), Duration.ofSeconds(10)).start();
    }

    public SimulatorBackend start() {
        reader.start();
        return this;
    }

    public boolean connected() {
        return connected;
    }

    /** Lines dropped as oversized or garbled since start. */
    public long rejectedLines() {
        return rejectedLines.get();
    }

    /** Successful connections (HELLO received) since start. */
    public long connects() {
        return connects.get();
    }

    @Override
    public InputLine openInput(String line, GpioPoint.Pull pull, LevelListener listener) throws DriverException {
        ensureOpen();
        listeners.computeIfAbsent(line, k -> new CopyOnWriteArrayList<>()).add(listener);
        return new InputLine() {
            @Override
            public LineLevel level() {
                return connected ? levels.getOrDefault(line, LineLevel.UNKNOWN) : LineLevel.UNKNOWN;
            }

            @Override
            public void close() {
                List<LevelListener> list = listeners.get(line);
                if (list != null) {
                    list.remove(listener);
                }
            }
        };
    }

    @Override
    public OutputLine openOutput(String line, LineLevel initial) throws DriverException {
        ensureOpen();
        outputs.put(line, initial);
        trySend(line, initial);
        return new OutputLine() {
            @Override
            public void set(LineLevel level) throws DriverException {
                send(line, level);
                outputs.put(line, level);
            }

            @Override
            public void close() {
                outputs.remove(line);
            }
        };
    }

    @Override
    public String describeUnknown(String line) {
        if (!connected) {
            return "GPIO simulator at " + address + " is not connected (" + lastProblem + ")";
        }
        return "GPIO simulator at " + address + " does not report line '" + line + "'";
    }

    @Override
    public String describe() {
        return "simulator " + address;
    }

    @Override
    public void close() {
        closed = true;
        closeSocket();
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (reader.isAlive() && Thread.currentThread() != reader) {
            try {
                reader.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean announcedDown = false;
        while (!closed) {
            long before = connects.get();
            try {
                session();
                lastProblem = "connection closed by the simulator";
            } catch (IOException e) {
                lastProblem = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                markDisconnected();
            }
            if (closed) {
                break;
            }
            if (connects.get() > before) {
                // We had a working session: this is a fresh outage, start the backoff over.
                reconnects.reset();
                announcedDown = false;
            }
            if (!announcedDown) {
                LOG.warn("GPIO simulator at {} unavailable ({}); retrying with backoff up to {} ms", address,
                        lastProblem, maxBackoff.toMillis());
                announcedDown = true;
            }
            pause(Duration.ofMillis(reconnects.next()));
        }
    }

    private void session() throws IOException {
        Socket s = new Socket();
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            socket = s;
        }
        s.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MS);
        if (s.getLocalSocketAddress().equals(s.getRemoteSocketAddress())) {
            // A loopback port in the ephemeral range with nobody listening can be "reached" by TCP
            // simultaneous open onto our own socket: it would wait for a HELLO for ever and hold the port
            // the simulator needs to come back on.
            s.close();
            throw new IOException("nobody listens at " + address + " (the connection reached itself)");
        }
        s.setTcpNoDelay(true);
        // The protocol has no heartbeat: let the OS notice a peer that vanished without closing.
        s.setKeepAlive(true);
        BoundedLineReader in = new BoundedLineReader(new BufferedInputStream(s.getInputStream()), MAX_LINE_BYTES);
        BoundedLineReader.Line hello = in.next();
        if (hello == null) {
            throw new IOException("the simulator closed the connection before HELLO");
        }
        if (!HELLO.equals(hello.text())) {
            throw new IOException("peer at " + address + " is not a GPIO simulator speaking version 1 (it said '"
                    + hello.preview() + "')");
        }
        synchronized (writeLock) {
            out = s.getOutputStream();
            connected = true;
            outputs.forEach(this::trySendLocked);
        }
        connects.incrementAndGet();
        LOG.info("Connected to GPIO simulator at {}", address);
        BoundedLineReader.Line line;
        while ((line = in.next()) != null) {
            handle(line);
        }
    }

    private void handle(BoundedLineReader.Line line) {
        if (line.oversized()) {
            reject("oversized line (over " + MAX_LINE_BYTES + " bytes) starting '" + line.preview() + "'");
            return;
        }
        if (line.malformed()) {
            reject("line that is not UTF-8: '" + line.preview() + "'");
            return;
        }
        String text = line.text();
        Matcher m = LINE.matcher(text);
        if (m.matches()) {
            update(m.group(1), "1".equals(m.group(2)) ? LineLevel.HIGH : LineLevel.LOW);
        } else if (text.startsWith("ERR ")) {
            garbage.warn("GPIO simulator at " + address + " rejected a command: " + line.preview());
        } else if (!text.isEmpty() && !HELLO.equals(text)) {
            reject("garbled line '" + line.preview() + "'");
        }
    }

    private void reject(String what) {
        rejectedLines.incrementAndGet();
        garbage.warn("Ignored " + what + " from GPIO simulator at " + address);
    }

    private void update(String name, LineLevel level) {
        LineLevel previous = levels.put(name, level);
        if (previous != level) {
            notifyListeners(name, level);
        }
    }

    private void markDisconnected() {
        synchronized (writeLock) {
            connected = false;
            out = null;
        }
        closeSocket();
        for (String name : levels.keySet()) {
            if (levels.remove(name) != null) {
                notifyListeners(name, LineLevel.UNKNOWN);
            }
        }
    }

    private void notifyListeners(String name, LineLevel level) {
        for (LevelListener listener : listeners.getOrDefault(name, List.of())) {
            try {
                listener.onLevel(level);
            } catch (RuntimeException e) {
                LOG.warn("GPIO line listener for {} failed", name, e);
            }
        }
    }

    private void send(String line, LineLevel level) throws DriverException {
        synchronized (writeLock) {
            if (!connected || out == null) {
                throw new DriverException(DriverException.Code.NO_ROUTE, "cannot set GPIO line '" + line
                        + "': " + describeUnknown(line));
            }
            try {
                write(line, level);
            } catch (IOException e) {
                closeSocket();
                throw new DriverException(DriverException.Code.NO_ROUTE, "cannot set GPIO line '" + line
                        + "' on the simulator at " + address + ": " + e.getMessage(), e);
            }
        }
    }

    private void trySend(String line, LineLevel level) {
        synchronized (writeLock) {
            trySendLocked(line, level);
        }
    }

    private void trySendLocked(String line, LineLevel level) {
        if (!connected || out == null || level == LineLevel.UNKNOWN) {
            return;
        }
        try {
            write(line, level);
        } catch (IOException e) {
            LOG.debug("SET {} not sent to GPIO simulator at {}: {}", line, address, e.toString());
        }
    }

    private void write(String line, LineLevel level) throws IOException {
        out.write(("SET " + line + " " + (level == LineLevel.HIGH ? "1" : "0") + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void closeSocket() {
        Socket s;
        synchronized (writeLock) {
            s = socket;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void pause(Duration backoff) {
        lock.lock();
        try {
            if (!closed) {
                wake.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws DriverException {
        if (closed) {
            throw new DriverException(DriverException.Code.NO_ROUTE, describe() + " backend is closed");
        }
    }
}
