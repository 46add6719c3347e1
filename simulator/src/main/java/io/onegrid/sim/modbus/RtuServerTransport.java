package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusRtuRequestContext;
import com.digitalpetri.modbus.server.ModbusRtuServerTransport;
import com.digitalpetri.modbus.server.ModbusServerTransport.FrameReceiver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Set;

/**
 * The byte side of a simulated RTU line, under digitalpetri's {@code ModbusRtuServer}. Written here rather
 * than taken from digitalpetri's modbus-serial because that transport (jSerialComm) owns the port's timing:
 * it cannot hold a reply for the line time of a baud rate a pty does not have, nor corrupt a CRC or stay
 * silent on cue; the PDU decoding and the register services stay digitalpetri's.
 */
abstract class RtuServerTransport implements ModbusRtuServerTransport {
    static final Set<Integer> SUPPORTED = Set.of(
            FunctionCode.READ_COILS.getCode(), FunctionCode.READ_DISCRETE_INPUTS.getCode(),
            FunctionCode.READ_HOLDING_REGISTERS.getCode(), FunctionCode.READ_INPUT_REGISTERS.getCode(),
            FunctionCode.WRITE_SINGLE_COIL.getCode(), FunctionCode.WRITE_SINGLE_REGISTER.getCode(),
            FunctionCode.WRITE_MULTIPLE_COILS.getCode(), FunctionCode.WRITE_MULTIPLE_REGISTERS.getCode());
    /** A pty or socket delivers a master's frame in one piece; a pause this long means a new frame. */
    private static final long MIN_RESYNC_NANOS = 20_000_000L;

    final RtuSlaveLine line;

    RtuServerTransport(RtuSlaveLine line) {
        this.line = line;
    }

    @Override
    public void receive(FrameReceiver<ModbusRtuRequestContext, ModbusRtuFrame> frameReceiver) {
        line.receiver(frameReceiver);
    }

    /** Reads requests from {@code in} until it ends, answering each through {@code out}. */
    void serve(ReadableByteChannel in, ModbusRtuRequestContext context, RtuSlaveLine.Replies out) throws IOException {
        RtuFrameReader reader = new RtuFrameReader(Math.max(MIN_RESYNC_NANOS, line.timing().silenceNanos()));
        ByteBuffer buffer = ByteBuffer.allocate(RtuFrameReader.MAX_FRAME);
        while (in.read(buffer.clear()) >= 0) {
            long now = System.nanoTime();
            byte[] frame = reader.accept(buffer.array(), buffer.position(), now).orElse(null);
            if (frame != null) {
                line.handle(frame, now, context, out);
            }
        }
    }
}
