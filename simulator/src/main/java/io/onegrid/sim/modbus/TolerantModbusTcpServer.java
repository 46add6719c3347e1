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
import java.nio.ByteBuffer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * digitalpetri's server, answering what the library cannot decode with an exception response instead
 * of closing the connection: an unsupported function code gets 01 (illegal function), a malformed
 * request 03 (illegal data value), as the Modbus specification asks of a device.
 */
final class TolerantModbusTcpServer extends ModbusTcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(TolerantModbusTcpServer.class);
    private static final Set<Integer> SUPPORTED = Set.of(
            FunctionCode.READ_COILS.getCode(), FunctionCode.READ_DISCRETE_INPUTS.getCode(),
            FunctionCode.READ_HOLDING_REGISTERS.getCode(), FunctionCode.READ_INPUT_REGISTERS.getCode(),
            FunctionCode.WRITE_SINGLE_COIL.getCode(), FunctionCode.WRITE_SINGLE_REGISTER.getCode(),
            FunctionCode.WRITE_MULTIPLE_COILS.getCode(), FunctionCode.WRITE_MULTIPLE_REGISTERS.getCode());

    TolerantModbusTcpServer(ModbusTcpServerTransport transport, ModbusServices services) {
        super(ModbusServerConfig.create(b -> { }), transport, services);
    }

    @Override
    protected ModbusTcpFrame handleModbusTcpFrame(ModbusTcpFrame frame, ModbusTcpRequestContext context)
            throws Exception {
        ByteBuffer pdu = frame.pdu();
        if (!pdu.hasRemaining()) {
            throw new IllegalArgumentException("empty Modbus PDU");
        }
        int functionCode = pdu.get(pdu.position()) & 0xFF;
        if (!SUPPORTED.contains(functionCode)) {
            return exception(frame.header(), functionCode, ExceptionCode.ILLEGAL_FUNCTION);
        }
        try {
            return super.handleModbusTcpFrame(frame, context);
        } catch (Exception malformed) {
            LOG.debug("malformed Modbus request from {}: {}", context.remoteAddress(), malformed.toString());
            return exception(frame.header(), functionCode, ExceptionCode.ILLEGAL_DATA_VALUE);
        }
    }

    private static ModbusTcpFrame exception(MbapHeader request, int functionCode, ExceptionCode code) {
        ByteBuffer pdu = ByteBuffer.allocate(2).put((byte) (functionCode | 0x80)).put((byte) code.getCode()).flip();
        return new ModbusTcpFrame(new MbapHeader(request.transactionId(), 0, 3, request.unitId()), pdu);
    }
}
