package io.onegrid.driver.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.profile.ModbusPoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus TCP connection to one host:port, shared by every device (unit id) behind it. Requests are
 * serialized on the link, connect lazily, and never retry inside j2mod (its default of several retries
 * would multiply a dead slave's timeout). After a timeout or broken stream the socket is dropped, so a
 * late answer can never be taken for the next request's; the next request reconnects.
 */
final class TcpLink implements ModbusTransport {
    private static final Logger LOG = LoggerFactory.getLogger(TcpLink.class);

    private final String host;
    private final int port;
    private final String endpoint;
    private TCPMasterConnection connection; // guarded by this
    private boolean reused;                 // guarded by this: the socket already carried a request
    private boolean closed;                 // guarded by this: the pool let go of this link for good

    TcpLink(String host, int port, String endpoint) {
        this.host = host;
        this.port = port;
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public int[] readRegisters(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs)
            throws DriverException {
        boolean holding = table == ModbusPoint.Table.HOLDING_REGISTER;
        ModbusRequest request = holding ? new ReadMultipleRegistersRequest(start, count)
                : new ReadInputRegistersRequest(start, count);
        String what = describe(unitId, "read " + count + " " + table + " from " + start);
        ModbusResponse response = execute(request, unitId, timeoutMs, what);
        int[] values = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                values[i] = 0xFFFF & (holding ? ((ReadMultipleRegistersResponse) response).getRegisterValue(i)
                        : ((ReadInputRegistersResponse) response).getRegisterValue(i));
            }
        } catch (IndexOutOfBoundsException | ClassCastException e) {
            throw ModbusFailure.badFrame(what, "the answer is short or of the wrong kind");
        }
        return values;
    }

    @Override
    public boolean[] readBits(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs)
            throws DriverException {
        boolean coils = table == ModbusPoint.Table.COIL;
        ModbusRequest request = coils ? new ReadCoilsRequest(start, count) : new ReadInputDiscretesRequest(start, count);
        String what = describe(unitId, "read " + count + " " + table + " from " + start);
        ModbusResponse response = execute(request, unitId, timeoutMs, what);
        boolean[] bits = new boolean[count];
        try {
            for (int i = 0; i < count; i++) {
                bits[i] = coils ? ((ReadCoilsResponse) response).getCoilStatus(i)
                        : ((ReadInputDiscretesResponse) response).getDiscreteStatus(i);
            }
        } catch (IndexOutOfBoundsException | ClassCastException e) {
            throw ModbusFailure.badFrame(what, "the answer is short or of the wrong kind");
        }
        return bits;
    }

    @Override
    public void writeCoil(int unitId, int address, boolean value, int timeoutMs) throws DriverException {
        execute(new WriteCoilRequest(address, value), unitId, timeoutMs,
                describe(unitId, "write coil " + address + "=" + value));
    }

    @Override
    public void writeRegisters(int unitId, int address, int[] values, int timeoutMs) throws DriverException {
        ModbusRequest request;
        if (values.length == 1) {
            request = new WriteSingleRegisterRequest(address, new SimpleRegister(values[0]));
        } else {
            Register[] registers = new Register[values.length];
            for (int i = 0; i < values.length; i++) {
                registers[i] = new SimpleRegister(values[i]);
            }
            request = new WriteMultipleRegistersRequest(address, registers);
        }
        execute(request, unitId, timeoutMs, describe(unitId, "write " + values.length + " holding registers at " + address));
    }

    /** Closes the socket for good: a connection still holding this link fails instead of reopening it. */
    synchronized void close() {
        closed = true;
        drop();
    }

    private synchronized ModbusResponse execute(ModbusRequest request, int unitId, int timeoutMs, String what)
            throws DriverException {
        try {
            return attempt(request, unitId, timeoutMs, what);
        } catch (BrokenStream e) {
            // A slave may close an idle connection; one fresh socket tells that apart from a dead slave.
            if (!e.wasReused) {
                throw new DriverException(Code.NO_ROUTE, what + ": connection lost (" + e.getMessage() + ")");
            }
            LOG.debug("{}: reused connection was broken ({}), reconnecting once", endpoint, e.getMessage());
            try {
                return attempt(request, unitId, timeoutMs, what);
            } catch (BrokenStream again) {
                throw new DriverException(Code.NO_ROUTE, what + ": connection lost (" + again.getMessage() + ")");
            }
        }
    }

    private ModbusResponse attempt(ModbusRequest request, int unitId, int timeoutMs, String what)
            throws DriverException, BrokenStream {
        TCPMasterConnection link = connected(timeoutMs, what);
        boolean wasReused = reused;
        link.setTimeout(timeoutMs);
        request.setUnitID(unitId);
        ModbusTCPTransaction transaction = new ModbusTCPTransaction(link);
        transaction.setRequest(request);
        transaction.setRetries(1);
        transaction.setReconnecting(false);
        long started = System.nanoTime();
        try {
            transaction.execute();
            reused = true;
            ModbusResponse response = transaction.getResponse();
            if (response == null) {
                drop();
                throw ModbusFailure.badFrame(what, "no valid answer");
            }
            return response;
        } catch (ModbusSlaveException e) {
            reused = true;
            throw new ModbusExceptionResponse(e.getType(), what);
        } catch (ModbusIOException e) {
            drop();
            long elapsedMs = (System.nanoTime() - started) / 1_000_000L;
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("timeout") || elapsedMs >= timeoutMs * 9L / 10) {
                throw ModbusFailure.timeout(what, timeoutMs);
            }
            throw new BrokenStream(message, wasReused);
        } catch (ModbusException e) {
            drop();
            throw ModbusFailure.badFrame(what, String.valueOf(e.getMessage()));
        }
    }

    private TCPMasterConnection connected(int timeoutMs, String what) throws DriverException {
        if (connection != null && connection.isConnected()) {
            return connection;
        }
        drop();
        if (closed) {
            throw new DriverException(Code.NO_ROUTE, what + ": the Modbus driver has stopped");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DriverException(Code.NO_ROUTE, what + ": unknown host " + host, e);
        }
        TCPMasterConnection fresh = new TCPMasterConnection(address);
        fresh.setPort(port);
        fresh.setTimeout(timeoutMs);
        try {
            fresh.connect();
        } catch (Exception e) {
            fresh.close();
            throw new DriverException(Code.NO_ROUTE, what + ": cannot connect to " + endpoint + " (" + e.getMessage() + ")", e);
        }
        LOG.debug("connected to Modbus TCP {}", endpoint);
        connection = fresh;
        reused = false;
        return fresh;
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        reused = false;
    }

    private String describe(int unitId, String action) {
        return "Modbus " + endpoint + " unit " + unitId + " " + action;
    }

    /** The stream broke without a timeout (reset, closed by the slave). */
    private static final class BrokenStream extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean wasReused;

        BrokenStream(String message, boolean wasReused) {
            super(message, null, false, false);
            this.wasReused = wasReused;
        }
    }
}
