package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusRtuRequestContext;
import com.digitalpetri.modbus.server.ModbusServerTransport.FrameReceiver;
import io.onegrid.sim.device.Behaviour;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slaves of one simulated RS-485 line: takes each request frame, lets digitalpetri's RTU server answer
 * for the addressed unit, applies the unit's {@link Behaviour}, and holds the reply until the line would have
 * carried request, silence and reply at the bus's baud rate. One transaction at a time, as on a half-duplex
 * bus; a frame with a bad CRC or for a unit not on the line gets no answer, as a real slave gives none.
 */
final class RtuSlaveLine {
    private static final Logger LOG = LoggerFactory.getLogger(RtuSlaveLine.class);
    private static final int ILLEGAL_FUNCTION = 1;
    private static final int ILLEGAL_DATA_VALUE = 3;

    /** Where a reply goes: the pty or the TCP connection the request came from. */
    interface Replies {
        void send(byte[] frame) throws IOException;
    }

    private final String bus;
    private final RtuLineTiming timing;
    private final Map<Integer, ModbusDeviceImage> units;
    private final LongSupplier nanoTime;
    private volatile FrameReceiver<ModbusRtuRequestContext, ModbusRtuFrame> receiver;
    private long busyUntil;

    RtuSlaveLine(String bus, RtuLineTiming timing, Map<Integer, ModbusDeviceImage> units, LongSupplier nanoTime) {
        this.bus = bus;
        this.timing = timing;
        this.units = Map.copyOf(units);
        this.nanoTime = nanoTime;
        this.busyUntil = nanoTime.getAsLong();
    }

    RtuLineTiming timing() { return timing; }

    void receiver(FrameReceiver<ModbusRtuRequestContext, ModbusRtuFrame> receiver) {
        this.receiver = receiver;
    }

    /** Handles one request frame (unit, PDU, CRC) that arrived at {@code arrivedNanos}. */
    synchronized void handle(byte[] frame, long arrivedNanos, ModbusRtuRequestContext context, Replies out)
            throws IOException {
        long requestEnd = Math.max(arrivedNanos, busyUntil) + timing.bytes(frame.length);
        int unit = frame[0] & 0xFF;
        ModbusDeviceImage image = units.get(unit);
        if (!RtuFrameReader.crcOk(frame, frame.length) || image == null) {
            busyUntil = requestEnd + timing.silenceNanos();
            return;
        }
        Behaviour behaviour = image.device().behaviour();
        if (behaviour.mode() == Behaviour.Mode.SILENT) {
            busyUntil = requestEnd + timing.silenceNanos();
            return;
        }
        byte[] reply = reply(frame, unit, behaviour, context);
        long replyEnd = requestEnd + timing.silenceNanos() + behaviour.delay().toNanos() + timing.bytes(reply.length);
        waitUntil(replyEnd);
        busyUntil = replyEnd + timing.silenceNanos();
        out.send(reply);
    }

    private byte[] reply(byte[] frame, int unit, Behaviour behaviour, ModbusRtuRequestContext context) {
        int functionCode = frame[1] & 0xFF;
        switch (behaviour.mode()) {
            case EXCEPTION:
                return exception(unit, functionCode, behaviour.exceptionCode());
            case GARBAGE:
                // a well-formed frame of the wrong function code, so only the master's parser can object
                return RtuFrameReader.withCrc(new byte[] {(byte) unit, (byte) (functionCode ^ 0x40), 2, (byte) 0xDE,
                        (byte) 0xAD});
            default:
                break;
        }
        byte[] reply = answer(frame, unit, functionCode, context);
        if (behaviour.mode() == Behaviour.Mode.CORRUPT_CRC) {
            reply[reply.length - 1] ^= (byte) 0xA5;
        }
        return reply;
    }

    private byte[] answer(byte[] frame, int unit, int functionCode, ModbusRtuRequestContext context) {
        if (frame.length < 4 || !RtuServerTransport.SUPPORTED.contains(functionCode)) {
            return exception(unit, functionCode, ILLEGAL_FUNCTION);
        }
        ModbusRtuFrame request = new ModbusRtuFrame(unit, ByteBuffer.wrap(frame, 1, frame.length - 3).slice(),
                ByteBuffer.wrap(frame, frame.length - 2, 2).slice());
        try {
            ModbusRtuFrame response = receiver.receive(context, request);
            ByteBuffer pdu = response.pdu();
            byte[] body = new byte[1 + pdu.remaining()];
            body[0] = (byte) unit;
            pdu.get(body, 1, pdu.remaining());
            return RtuFrameReader.withCrc(body);
        } catch (Exception malformed) {
            LOG.debug("bus {}: malformed request to unit {}: {}", bus, unit, malformed.toString());
            return exception(unit, functionCode, ILLEGAL_DATA_VALUE);
        }
    }

    private static byte[] exception(int unit, int functionCode, int code) {
        return RtuFrameReader.withCrc(new byte[] {(byte) unit, (byte) ((functionCode | 0x80) & 0xFF), (byte) code});
    }

    private void waitUntil(long due) {
        for (long left = due - nanoTime.getAsLong(); left > 0; left = due - nanoTime.getAsLong()) {
            LockSupport.parkNanos(left);
        }
    }
}
