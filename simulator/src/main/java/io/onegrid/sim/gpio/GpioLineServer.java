package io.onegrid.sim.gpio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP server of the GPIO simulator line protocol (see docs/simulator.md): on connect it sends
 * {@code HELLO onegrid-gpio-sim 1} and one {@code LINE <name> <0|1>} per line, then every change;
 * clients drive outputs with {@code SET <name> <0|1>}. Port 0 binds an ephemeral port.
 */
public final class GpioLineServer implements AutoCloseable {
    public static final String HELLO = "HELLO onegrid-gpio-sim 1";
    private static final Logger LOG = LoggerFactory.getLogger(GpioLineServer.class);

    private final GpioLineBank bank;
    private final ServerSocket serverSocket;
    private final Set<GpioClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public GpioLineServer(GpioLineBank bank, String host, int port) throws IOException {
        this.bank = bank;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        try {
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        acceptor = new Thread(this::acceptLoop, "sim-gpio-accept");
        acceptor.setDaemon(true);
    }

    public GpioLineServer start() {
        acceptor.start();
        return this;
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public int clientCount() {
        return clients.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("GPIO line server stopped accepting: {}", e.getMessage());
                }
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                GpioClientConnection client = new GpioClientConnection(socket, bank, clients::remove);
                clients.add(client);
                List<GpioLineBank.Level> snapshot = bank.snapshotAndObserve(client);
                client.start(snapshot);
            } catch (IOException e) {
                LOG.debug("GPIO client gone before setup: {}", e.getMessage());
                closeQuietly(socket);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (GpioClientConnection client : clients) {
            client.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed or broken: nothing left to release
        }
    }
}
