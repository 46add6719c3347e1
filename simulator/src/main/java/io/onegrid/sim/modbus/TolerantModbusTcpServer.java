package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.MbapHeader;
import com.digitalpetri.modbus.ModbusTcpFrame;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusTcpRequestContext;
import com.digitalpetri.modbus.server.ModbusServerConfig;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ModbusTcpServerTransport;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import io.onegrid.sim.device.Behaviour;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * digitalpetri's server, answering what the library cannot decode with an exception response instead
 * of closing the connection: an unsupported function code gets 01 (illegal function), a malformed
 * request 03 (illegal data value), as the Modbus specification asks of a device. It also applies each
 * unit's {@link Behaviour}: silence, an exception code, a late answer or a malformed frame. A late answer
 * holds the server's one execution queue, like a serial gateway in front of a slow slave.
 */
final class TolerantModbusTcpServer extends ModbusTcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(TolerantModbusTcpServer.class);
    private static final Set<Integer> SUPPORTED = Set.of(
            FunctionCode.READ_COILS.getCode(), FunctionCode.READ_DISCRETE_INPUTS.getCode(),
            FunctionCode.READ_HOLDING_REGISTERS.getCode(), FunctionCode.READ_INPUT_REGISTERS.getCode(),
            FunctionCode.WRITE_SINGLE_COIL.getCode(), FunctionCode.WRITE_SINGLE_REGISTER.getCode(),
            FunctionCode.WRITE_MULTIPLE_COILS.getCode(), FunctionCode.WRITE_MULTIPLE_REGISTERS.getCode());

    private final Map<Integer, ModbusDeviceImage> units;

    TolerantModbusTcpServer(ModbusTcpServerTransport transport, Map<Integer, ModbusDeviceImage> units) {
        super(ModbusServerConfig.create(b -> { }), transport, new SimModbusServices(units));
        this.units = Map.copyOf(units);
    }

    @Override
    protected ModbusTcpFrame handleModbusTcpFrame(ModbusTcpFrame frame, ModbusTcpRequestContext context)
            throws Exception {
        ByteBuffer pdu = frame.pdu();
        if (!pdu.hasRemaining()) {
            throw new IllegalArgumentException("empty Modbus PDU");
        }
        int functionCode = pdu.get(pdu.position()) & 0xFF;
        ModbusDeviceImage image = units.get(frame.header().unitId());
        Behaviour behaviour = image == null ? Behaviour.NORMAL : image.device().behaviour();
        switch (behaviour.mode()) {
            case SILENT:
                throw new UnknownUnitIdException(frame.header().unitId()); // the transport drops it unanswered
            case EXCEPTION:
                return exception(frame.header(), functionCode, behaviour.exceptionCode());
            case GARBAGE:
                return malformed(frame.header(), functionCode);
            case DELAY:
                Thread.sleep(behaviour.delay().toMillis());
                break;
            default:
                break;
        }
        if (!SUPPORTED.contains(functionCode)) {
            return exception(frame.header(), functionCode, ExceptionCode.ILLEGAL_FUNCTION.getCode());
        }
        try {
            return super.handleModbusTcpFrame(frame, context);
        } catch (Exception malformed) {
            LOG.debug("malformed Modbus request from {}: {}", context.remoteAddress(), malformed.toString());
            return exception(frame.header(), functionCode, ExceptionCode.ILLEGAL_DATA_VALUE.getCode());
        }
    }

    private static ModbusTcpFrame exception(MbapHeader request, int functionCode, int code) {
        ByteBuffer pdu = ByteBuffer.allocate(2).put((byte) (functionCode | 0x80)).put((byte) code).flip();
        return new ModbusTcpFrame(new MbapHeader(request.transactionId(), 0, 3, request.unitId()), pdu);
    }

    /** A reply whose byte count promises 200 bytes of data it does not carry: a truncated, malformed frame. */
    private static ModbusTcpFrame malformed(MbapHeader request, int functionCode) {
        ByteBuffer pdu = ByteBuffer.allocate(3).put((byte) functionCode).put((byte) 200).put((byte) 0xDE).flip();
        return new ModbusTcpFrame(new MbapHeader(request.transactionId(), 0, 4, request.unitId()), pdu);
    }
}
