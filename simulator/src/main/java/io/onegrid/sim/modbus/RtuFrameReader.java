package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.Crc16;
import com.digitalpetri.modbus.ModbusRtuRequestFrameParser;
import com.digitalpetri.modbus.ModbusRtuRequestFrameParser.Accumulated;
import com.digitalpetri.modbus.ModbusRtuRequestFrameParser.ParseError;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts the byte stream of a serial line into RTU request frames. The length of a request follows from its
 * function code (digitalpetri's request parser); a pause longer than the resync gap starts a new frame, as
 * the 3.5-character silence does on a real line, so a truncated or garbled request is dropped instead of
 * swallowing the next one. A complete-looking burst with an unsupported function code is returned whole
 * so the slave can answer "illegal function".
 */
final class RtuFrameReader {
    /** At most what an RTU frame can be; anything longer is noise. */
    static final int MAX_FRAME = 256;

    private final long resyncNanos;
    private ModbusRtuRequestFrameParser parser = new ModbusRtuRequestFrameParser();
    private final byte[] pending = new byte[MAX_FRAME];
    private int length;
    private long lastNanos;

    RtuFrameReader(long resyncNanos) {
        this.resyncNanos = resyncNanos;
    }

    /** Feeds bytes read at {@code nanos}; returns a complete frame (unit, PDU, CRC) when one ends in them. */
    Optional<byte[]> accept(byte[] data, int count, long nanos) {
        if (length > 0 && nanos - lastNanos > resyncNanos) {
            reset();
        }
        lastNanos = nanos;
        if (length + count > MAX_FRAME) {
            reset();
            return Optional.empty(); // longer than any frame: line noise, wait for the next silence
        }
        System.arraycopy(data, 0, pending, length, count);
        length += count;
        ModbusRtuRequestFrameParser.ParserState state;
        try {
            state = parser.parse(Arrays.copyOf(data, count));
        } catch (RuntimeException malformed) {
            reset();
            return Optional.empty();
        }
        if (state instanceof Accumulated accumulated) {
            ByteBuffer pdu = accumulated.frame().pdu();
            int frameLength = 1 + pdu.remaining() + 2;
            byte[] frame = Arrays.copyOf(pending, frameLength);
            reset();
            return Optional.of(frame);
        }
        if (state instanceof ParseError) {
            if (length >= 4 && crcOk(pending, length)) {
                byte[] frame = Arrays.copyOf(pending, length);
                reset();
                return Optional.of(frame);
            }
            // unknown function code and no valid CRC yet: keep collecting until the next silence
        }
        return Optional.empty();
    }

    private void reset() {
        parser = new ModbusRtuRequestFrameParser();
        length = 0;
    }

    /** Whether the last two bytes of {@code frame[0..length)} are the CRC of the bytes before them (low byte first). */
    static boolean crcOk(byte[] frame, int length) {
        int crc = crc(frame, length - 2);
        return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == ((crc >> 8) & 0xFF);
    }

    static int crc(byte[] bytes, int length) {
        Crc16 crc16 = new Crc16();
        crc16.update(ByteBuffer.wrap(bytes, 0, length));
        return crc16.getValue();
    }

    /** {@code body} followed by its CRC, low byte first. */
    static byte[] withCrc(byte[] body) {
        byte[] frame = Arrays.copyOf(body, body.length + 2);
        int crc = crc(body, body.length);
        frame[body.length] = (byte) crc;
        frame[body.length + 1] = (byte) (crc >> 8);
        return frame;
    }
}
