package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Modbus TCP server (digitalpetri) that serves several simulated devices by unit id. Uses its own
 * event loop and executor, so stopping it leaves no threads behind. Port 0 binds an ephemeral port;
 * {@link #address()} tells which.
 */
public final class ModbusSimServer implements AutoCloseable {
    private final NioEventLoopGroup eventLoop;
    private final ExecutorService executor;
    private final ModbusTcpServer server;
    private final AtomicReference<Channel> serverChannel = new AtomicReference<>();
    private InetSocketAddress address;

    public ModbusSimServer(String host, int port, Map<Integer, ModbusDeviceImage> units) {
        eventLoop = new NioEventLoopGroup(1, daemonThreads("sim-modbus-io"));
        executor = Executors.newSingleThreadExecutor(daemonThreads("sim-modbus"));
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
            cfg.setBindAddress(host);
            cfg.setPort(port);
            cfg.setEventLoopGroup(eventLoop);
            cfg.setExecutor(executor);
            // The transport does not expose its server channel; a handler on it tells us the bound port.
            cfg.setBootstrapCustomizer(bootstrap -> bootstrap.handler(new ServerChannelProbe()));
        });
        server = new TolerantModbusTcpServer(transport, units);
    }

    /** Binds and starts serving; throws if the address cannot be bound. */
    public ModbusSimServer start() throws Exception {
        try {
            server.start();
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        Channel channel = serverChannel.get();
        address = (InetSocketAddress) channel.localAddress();
        return this;
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (ExecutionException | RuntimeException e) {
            // stopping is best effort: the event loop shutdown below releases the socket anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        executor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private final class ServerChannelProbe extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            serverChannel.set(ctx.channel());
        }
    }
}
