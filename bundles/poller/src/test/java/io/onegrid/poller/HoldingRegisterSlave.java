package io.onegrid.poller;

import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A third-party Modbus TCP slave (digitalpetri) on 127.0.0.1, unit 1, on an ephemeral or given port. */
final class HoldingRegisterSlave implements AutoCloseable {
    final ProcessImage image = new ProcessImage();
    private final ModbusTcpServer server;
    private final int port;

    HoldingRegisterSlave(int port) throws Exception {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
            cfg.bindAddress = "127.0.0.1";
            cfg.port = port;
            cfg.bootstrapCustomizer = b -> b.handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    bound.complete(((InetSocketAddress) ctx.channel().localAddress()).getPort());
                    ctx.fireChannelActive();
                }
            });
        });
        server = ModbusTcpServer.create(transport, new ReadWriteModbusServices() {
            @Override
            protected Optional<ProcessImage> getProcessImage(int unitId) {
                return unitId == 1 ? Optional.of(image) : Optional.empty();
            }
        });
        server.start();
        this.port = bound.get(5, TimeUnit.SECONDS);
    }

    int port() {
        return port;
    }

    /** Sets a FLOAT32, high word first, at holding register {@code address}. */
    void float32(int address, float value) {
        int bits = Float.floatToIntBits(value);
        image.with(tx -> tx.writeHoldingRegisters(map -> {
            map.put(address, new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16)});
            map.put(address + 1, new byte[] {(byte) (bits >>> 8), (byte) bits});
        }));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
