package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.server.ModbusRtuServer;
import com.digitalpetri.modbus.server.ModbusServerConfig;
import io.onegrid.sim.scenario.BusSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The simulated slaves of one RTU bus, served by digitalpetri's {@code ModbusRtuServer} on a serial device
 * file ({@link #onSerialLine}) or as RTU frames over TCP ({@link #overTcp}), with the bus's line timing.
 */
public final class RtuSimServer implements AutoCloseable {
    private final BusSpec bus;
    private final RtuServerTransport transport;
    private final ModbusRtuServer server;

    private RtuSimServer(BusSpec bus, Map<Integer, ModbusDeviceImage> units, RtuServerTransport transport) {
        this.bus = bus;
        this.transport = transport;
        this.server = new ModbusRtuServer(ModbusServerConfig.create(b -> { }), transport, new SimModbusServices(units));
    }

    public static RtuSimServer onSerialLine(BusSpec bus, Map<Integer, ModbusDeviceImage> units, Path device) {
        RtuSlaveLine line = new RtuSlaveLine(bus.name(), RtuLineTiming.of(bus), units, System::nanoTime);
        return new RtuSimServer(bus, units, new SerialLineTransport(line, device));
    }

    public static RtuSimServer overTcp(BusSpec bus, Map<Integer, ModbusDeviceImage> units, String host, int port) {
        RtuSlaveLine line = new RtuSlaveLine(bus.name(), RtuLineTiming.of(bus), units, System::nanoTime);
        return new RtuSimServer(bus, units, new RtuTcpTransport(line, new InetSocketAddress(host, port)));
    }

    /** Opens the line (or binds the port) and starts answering; throws the I/O error if it cannot. */
    public RtuSimServer start() throws Exception {
        try {
            server.start();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return this;
    }

    public BusSpec bus() {
        return bus;
    }

    /** Where it serves: the device file, or HOST:PORT for RTU over TCP (the real port when 0 was asked for). */
    public String where() {
        if (transport instanceof SerialLineTransport serial) {
            return serial.device().toString();
        }
        InetSocketAddress a = ((RtuTcpTransport) transport).address();
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The TCP port for RTU over TCP, -1 on a serial line. */
    public int port() {
        return transport instanceof RtuTcpTransport tcp ? tcp.address().getPort() : -1;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (ExecutionException | RuntimeException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
