package io.onegrid.driver.gpio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small in-test server speaking the GPIO simulator wire protocol: HELLO, a LINE snapshot, LINE on every
 * change, SET recorded and broadcast, ERR for unknown commands. Binds an ephemeral loopback port and can
 * be stopped and restarted on the same port.
 */
final class FakeGpioSimulator implements AutoCloseable {
    final Map<String, Integer> lines = new ConcurrentHashMap<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile String hello = SimulatorBackend.HELLO;
    private int port;

    FakeGpioSimulator(Map<String, Integer> initial) throws IOException {
        lines.putAll(initial);
        bind(0);
    }

    int port() {
        return port;
    }

    HostPort address() {
        return new HostPort("127.0.0.1", port);
    }

    void hello(String greeting) {
        this.hello = greeting;
    }

    int clientCount() {
        return (int) clients.stream().filter(s -> !s.isClosed()).count();
    }

    /** Changes a line and broadcasts it, as a simulated sensor would. */
    void set(String name, int level) {
        lines.put(name, level);
        broadcast("LINE " + name + " " + level + "\n");
    }

    /** Sends raw bytes to every client (for garbage tests). */
    void broadcast(String raw) {
        broadcast(raw.getBytes(StandardCharsets.UTF_8));
    }

    void broadcast(byte[] raw) {
        for (Socket s : clients) {
            try {
                OutputStream out = s.getOutputStream();
                synchronized (s) {
                    out.write(raw);
                    out.flush();
                }
            } catch (IOException e) {
                clients.remove(s);
            }
        }
    }

    /** Closes the listening socket and every client connection. */
    void stop() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
        clients.clear();
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        // The old listener's port may still be in use for a moment by a connection being torn down.
        org.awaitility.Awaitility.await().ignoreException(java.net.BindException.class)
                .atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                    bind(port);
                    return true;
                });
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void bind(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        server = s;
        port = s.getLocalPort();
        Thread acceptor = new Thread(() -> accept(s), "fake-gpio-sim-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                StringBuilder greeting = new StringBuilder(hello).append('\n');
                lines.forEach((name, level) -> greeting.append("LINE ").append(name).append(' ').append(level).append('\n'));
                synchronized (client) {
                    client.getOutputStream().write(greeting.toString().getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                }
                clients.add(client);
                Thread reader = new Thread(() -> serve(client), "fake-gpio-sim-client");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("SET") && (parts[2].equals("0") || parts[2].equals("1"))) {
                    set(parts[1], Integer.parseInt(parts[2]));
                } else {
                    synchronized (client) {
                        client.getOutputStream().write("ERR unknown command\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // client gone
        } finally {
            clients.remove(client);
        }
    }
}
