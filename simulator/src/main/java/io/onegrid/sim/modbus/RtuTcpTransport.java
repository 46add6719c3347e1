package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusRtuTcpRequestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTU frames over TCP, as a serial device server at the riser passes them through: every connection talks to
 * the same simulated line, so requests from several connections are serialized like on the real bus.
 */
final class RtuTcpTransport extends RtuServerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RtuTcpTransport.class);
    /** A serial server accepts a handful of masters; more would only queue on the one line. */
    private static final int MAX_CONNECTIONS = 16;

    private final InetSocketAddress bindAddress;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    RtuTcpTransport(RtuSlaveLine line, InetSocketAddress bindAddress) {
        super(line);
        this.bindAddress = bindAddress;
    }

    @Override
    public CompletionStage<Void> bind() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(bindAddress);
            server = socket;
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Thread acceptor = new Thread(this::accept, "sim-rtutcp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return CompletableFuture.completedFuture(null);
    }

    InetSocketAddress address() {
        ServerSocket s = server;
        return s == null ? bindAddress : (InetSocketAddress) s.getLocalSocketAddress();
    }

    private void accept() {
        ServerSocket s = server;
        while (s != null && !s.isClosed()) {
            try {
                Socket socket = s.accept();
                if (connections.size() >= MAX_CONNECTIONS) {
                    LOG.warn("RTU over TCP: refusing {}: already {} connections", socket.getRemoteSocketAddress(),
                            MAX_CONNECTIONS);
                    socket.close();
                    continue;
                }
                connections.add(socket);
                Thread t = new Thread(() -> connection(socket), "sim-rtutcp-" + socket.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connection(Socket socket) {
        SocketAddress local = socket.getLocalSocketAddress();
        SocketAddress remote = socket.getRemoteSocketAddress();
        ModbusRtuTcpRequestContext context = new ModbusRtuTcpRequestContext() {
            @Override
            public SocketAddress localAddress() { return local; }

            @Override
            public SocketAddress remoteAddress() { return remote; }
        };
        try (socket) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            serve(Channels.newChannel(socket.getInputStream()), context, frame -> {
                out.write(frame);
                out.flush();
            });
        } catch (IOException e) {
            LOG.debug("RTU over TCP connection from {} ended: {}", remote, e.toString());
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public CompletionStage<Void> unbind() {
        ServerSocket s = server;
        server = null;
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket c : connections) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connections.clear();
        return CompletableFuture.completedFuture(null);
    }
}
