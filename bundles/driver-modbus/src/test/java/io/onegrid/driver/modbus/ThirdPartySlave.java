package io.onegrid.driver.modbus;

import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Modbus TCP slave that is not ours (digitalpetri modbus-tcp, Netty) on an ephemeral port of
 * 127.0.0.1, serving units 1 and 2. Holding registers from {@link #REFUSED_FROM} up answer with exception 2.
 * It logs every request and counts accepted TCP connections.
 */
final class ThirdPartySlave implements AutoCloseable {
    static final int REFUSED_FROM = 1000;

    final ProcessImage unit1 = new ProcessImage();
    final ProcessImage unit2 = new ProcessImage();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final ModbusTcpServer server;
    private final int port;

    ThirdPartySlave(int port) throws Exception {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
            cfg.bindAddress = "127.0.0.1";
            cfg.port = port;
            // The server channel's handler sees the bound address, which tells the ephemeral port.
            cfg.bootstrapCustomizer = b -> b.handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    bound.complete(((InetSocketAddress) ctx.channel().localAddress()).getPort());
                    ctx.fireChannelActive();
                }
            });
            cfg.pipelineCustomizer = p -> connections.incrementAndGet();
        });
        server = ModbusTcpServer.create(transport, new Services());
        server.start();
        this.port = bound.get(5, TimeUnit.SECONDS);
    }

    ThirdPartySlave() throws Exception {
        this(0);
    }

    int port() {
        return port;
    }

    void holding(ProcessImage image, int address, int... values) {
        image.with(tx -> tx.writeHoldingRegisters(map -> put(map, address, values)));
    }

    void input(ProcessImage image, int address, int... values) {
        image.with(tx -> tx.writeInputRegisters(map -> put(map, address, values)));
    }

    void coil(ProcessImage image, int address, boolean value) {
        image.with(tx -> tx.writeCoils(map -> map.put(address, value)));
    }

    void discrete(ProcessImage image, int address, boolean value) {
        image.with(tx -> tx.writeDiscreteInputs(map -> map.put(address, value)));
    }

    int holdingValue(ProcessImage image, int address) {
        byte[] b = image.get(tx -> tx.readHoldingRegisters(map -> map.getOrDefault(address, new byte[2])));
        return (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
    }

    boolean coilValue(ProcessImage image, int address) {
        return image.get(tx -> tx.readCoils(map -> map.getOrDefault(address, false)));
    }

    private static void put(Map<Integer, byte[]> map, int address, int... values) {
        for (int i = 0; i < values.length; i++) {
            map.put(address + i, new byte[] {(byte) (values[i] >> 8), (byte) values[i]});
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Read/write services over the process images, logging requests and refusing the high holding registers. */
    private final class Services implements ModbusServices {
        private final ReadWriteModbusServices images = new ReadWriteModbusServices() {
            @Override
            protected Optional<ProcessImage> getProcessImage(int unitId) {
                return unitId == 1 ? Optional.of(unit1) : unitId == 2 ? Optional.of(unit2) : Optional.empty();
            }
        };

        @Override
        public ReadCoilsResponse readCoils(ModbusRequestContext c, int unit, ReadCoilsRequest r) throws UnknownUnitIdException {
            requests.add("unit " + unit + " coils " + r.address() + "+" + r.quantity());
            return images.readCoils(c, unit, r);
        }

        @Override
        public ReadDiscreteInputsResponse readDiscreteInputs(ModbusRequestContext c, int unit, ReadDiscreteInputsRequest r)
                throws UnknownUnitIdException {
            requests.add("unit " + unit + " discrete " + r.address() + "+" + r.quantity());
            return images.readDiscreteInputs(c, unit, r);
        }

        @Override
        public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext c, int unit, ReadHoldingRegistersRequest r)
                throws ModbusResponseException, UnknownUnitIdException {
            requests.add("unit " + unit + " holding " + r.address() + "+" + r.quantity());
            if (r.address() + r.quantity() > REFUSED_FROM) {
                throw new ModbusResponseException(r.getFunctionCode(), 2);
            }
            return images.readHoldingRegisters(c, unit, r);
        }

        @Override
        public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext c, int unit, ReadInputRegistersRequest r)
                throws UnknownUnitIdException {
            requests.add("unit " + unit + " input " + r.address() + "+" + r.quantity());
            return images.readInputRegisters(c, unit, r);
        }

        @Override
        public WriteSingleCoilResponse writeSingleCoil(ModbusRequestContext c, int unit, WriteSingleCoilRequest r)
                throws UnknownUnitIdException {
            requests.add("unit " + unit + " write coil " + r.address());
            return images.writeSingleCoil(c, unit, r);
        }

        @Override
        public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext c, int unit, WriteSingleRegisterRequest r)
                throws UnknownUnitIdException {
            requests.add("unit " + unit + " write register " + r.address());
            return images.writeSingleRegister(c, unit, r);
        }

        @Override
        public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext c, int unit,
                                                                     WriteMultipleRegistersRequest r)
                throws UnknownUnitIdException {
            requests.add("unit " + unit + " write registers " + r.address() + "+" + r.quantity());
            return images.writeMultipleRegisters(c, unit, r);
        }
    }
}
