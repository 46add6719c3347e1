package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.profile.ModbusPoint;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's end of one Modbus RTU bus: frames requests, waits the inter-frame silence, and reads and checks each
 * answer within one deadline per request. Every device on the bus shares it; requests are serialized.
 *
 * <p>Framed here rather than with j2mod's serial master (read in its 3.3.0 source): j2mod reports a timeout, a CRC
 * error and a truncated frame as the same ModbusIOException (only its message text differs), applies its timeout to
 * each of the several reads that make up one answer (a slave that trickles bytes holds the bus several timeouts),
 * sleeps a random time between its own retries, and runs a second, different code path for RTU over TCP. Here one
 * implementation serves the serial port and the TCP serial server alike, tested against a scripted line.
 *
 * <p>Late answers: RTU frames carry no transaction id, so nothing in an answer says which request it belongs to.
 * Before each request the input is discarded; an answer from another unit id (a late reply that raced the flush) is
 * skipped and waited past. After a unit timed out, its late answer may still come for about one more timeout: a
 * re-sent identical request may take it (it answers the same question), but a different request to that unit first
 * waits that window out, discarding what arrives, so a slow slave's answer to one block is never read as the next.
 */
final class RtuLink implements ModbusTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtuLink.class);

    private final BusSettings settings;
    private final ByteLine line;
    private final long gapNanos;
    private final long charNanos;
    private final byte[] buffer = new byte[RtuFrames.MAX_FRAME];
    private long quietFromNanos = System.nanoTime(); // guarded by this: when the line fell silent
    private boolean reused;                          // guarded by this: the open line already carried a request
    private boolean closed;                          // guarded by this
    private int suspectUnit = -1;                    // guarded by this: a unit whose late answer may still arrive
    private byte[] suspectRequest;                   // guarded by this: the request that answer would belong to
    private long suspectUntilNanos;                  // guarded by this

    RtuLink(BusSettings settings, ByteLine line) {
        this.settings = settings;
        this.line = line;
        this.gapNanos = settings.frameGapNanos();
        this.charNanos = (long) Math.ceil(settings.bitsPerCharacter() * 1e9 / settings.baud());
    }

    /** A link over the bus's own line: its serial port, or a connection to its serial server. */
    static RtuLink of(BusSettings settings) {
        ByteLine line = settings.kind() == BusSettings.Kind.RTU ? new SerialPortLine(settings)
                : new TcpSerialLine(settings.host(), settings.tcpPort(), Math.max(1000, settings.timeoutMs()));
        return new RtuLink(settings, line);
    }

    BusSettings settings() {
        return settings;
    }

    @Override
    public int[] readRegisters(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs) throws DriverException {
        int function = table == ModbusPoint.Table.HOLDING_REGISTER ? RtuFrames.READ_HOLDING_REGISTERS : RtuFrames.READ_INPUT_REGISTERS;
        String what = describe(unitId, "read " + count + " " + table + " from " + start);
        byte[] answer = exchange(unitId, RtuFrames.read(unitId, function, start, count), what, timeoutMs);
        checkByteCount(answer, RtuFrames.dataBytes(function, count), what);
        return RtuFrames.registers(answer, count);
    }

    @Override
    public boolean[] readBits(int unitId, ModbusPoint.Table table, int start, int count, int timeoutMs) throws DriverException {
        int function = table == ModbusPoint.Table.COIL ? RtuFrames.READ_COILS : RtuFrames.READ_DISCRETE_INPUTS;
        String what = describe(unitId, "read " + count + " " + table + " from " + start);
        byte[] answer = exchange(unitId, RtuFrames.read(unitId, function, start, count), what, timeoutMs);
        checkByteCount(answer, RtuFrames.dataBytes(function, count), what);
        return RtuFrames.bits(answer, count);
    }

    @Override
    public void writeCoil(int unitId, int address, boolean value, int timeoutMs) throws DriverException {
        byte[] request = RtuFrames.writeCoil(unitId, address, value);
        String what = describe(unitId, "write coil " + address + "=" + value);
        checkEcho(request, exchange(unitId, request, what, timeoutMs), 6, what);
    }

    @Override
    public void writeRegisters(int unitId, int address, int[] values, int timeoutMs) throws DriverException {
        byte[] request = values.length == 1 ? RtuFrames.writeRegister(unitId, address, values[0])
                : RtuFrames.writeRegisters(unitId, address, values);
        String what = describe(unitId, "write " + values.length + " holding registers at " + address);
        // function 6 echoes the whole request, function 16 its address and quantity
        checkEcho(request, exchange(unitId, request, what, timeoutMs), 6, what);
    }

    /** Closes the line for good: devices still holding this link get NO_ROUTE. */
    @Override
    public synchronized void close() {
        closed = true;
        line.close();
    }

    private synchronized byte[] exchange(int unit, byte[] request, String what, int timeoutMs) throws DriverException {
        if (closed) {
            throw new DriverException(Code.NO_ROUTE, what + ": bus " + settings.name() + " has been closed");
        }
        boolean wasReused = reused;
        try {
            return attempt(unit, request, what, timeoutMs);
        } catch (IOException e) {
            line.close();
            reused = false;
            if (!wasReused) {
                throw new DriverException(Code.NO_ROUTE, what + ": " + e.getMessage(), e);
            }
            // A serial server may drop an idle connection, and a USB adapter may have been re-plugged: one fresh
            // open tells that apart from a line that is gone.
            LOG.debug("bus {}: the line broke ({}), reopening once", settings.name(), e.getMessage());
            try {
                return attempt(unit, request, what, timeoutMs);
            } catch (IOException again) {
                line.close();
                reused = false;
                throw new DriverException(Code.NO_ROUTE, what + ": " + again.getMessage(), again);
            }
        }
    }

    private byte[] attempt(int unit, byte[] request, String what, int timeoutMs) throws IOException, DriverException {
        line.open();
        if (unit == suspectUnit && System.nanoTime() < suspectUntilNanos && !java.util.Arrays.equals(request, suspectRequest)) {
            discardUntil(suspectUntilNanos);
        }
        line.discardInput();
        awaitSilence();
        line.write(request);
        reused = true;
        long sentNanos = System.nanoTime();
        // the answer cannot start before the request has left the UART
        quietFromNanos = sentNanos + request.length * charNanos;
        long window = timeoutMs * 1_000_000L;
        try {
            byte[] answer = receive(unit, request[1] & 0xFF, what, timeoutMs, sentNanos + window);
            if (unit == suspectUnit && System.nanoTime() < suspectUntilNanos) {
                // answered while a late answer was due: the other of the two answers may still come
                suspectUntilNanos = System.nanoTime() + window;
                suspectRequest = request;
            }
            return answer;
        } catch (ModbusFailure e) {
            if (e.code() == Code.TIMEOUT) {
                suspectUnit = unit;
                suspectRequest = request;
                suspectUntilNanos = System.nanoTime() + window;
            }
            throw e;
        }
    }

    /** Reads and drops whatever arrives until the deadline (a late answer that must not meet the next request). */
    private void discardUntil(long deadline) throws IOException {
        long leftMs;
        while ((leftMs = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
            int n = line.read(buffer, 0, buffer.length, (int) leftMs);
            if (n > 0) {
                LOG.debug("bus {}: discarded a late answer from unit {} ({})", settings.name(), suspectUnit,
                        RtuFrames.hex(buffer, n));
            }
        }
        suspectUnit = -1;
    }

    private byte[] receive(int unit, int function, String what, int timeoutMs, long deadline)
            throws IOException, DriverException {
        String skipped = null;
        while (true) {
            int have = fill(0, 2, deadline);
            if (have == 0) {
                if (skipped != null) throw ModbusFailure.badFrame(what, skipped);
                throw ModbusFailure.timeout(what, timeoutMs);
            }
            int code = have >= 2 ? buffer[1] & 0xFF : -1;
            if (code >= RtuFrames.READ_COILS && code <= RtuFrames.READ_INPUT_REGISTERS) {
                have = fill(have, RtuFrames.HEADER, deadline);
            }
            if (have < 2 || (code >= 1 && code <= 4 && have < RtuFrames.HEADER)) {
                throw ModbusFailure.badFrame(what, "short frame: " + have + " bytes (" + RtuFrames.hex(buffer, have) + ")");
            }
            int length = RtuFrames.frameLength(buffer);
            if (length < 0) {
                throw ModbusFailure.badFrame(what, "garbage on the line (" + RtuFrames.hex(buffer, have) + ")");
            }
            have = fill(have, length, deadline);
            quietFromNanos = System.nanoTime();
            if (have < length) {
                throw ModbusFailure.badFrame(what, "short frame: " + have + " of " + length + " bytes ("
                        + RtuFrames.hex(buffer, have) + ")");
            }
            if (!Crc16.matches(buffer, length)) {
                throw ModbusFailure.badFrame(what, "CRC error (" + RtuFrames.hex(buffer, length) + ")");
            }
            int from = buffer[0] & 0xFF;
            if (from != unit) {
                skipped = "reply from unit " + from + " (asked " + unit + ")";
                LOG.debug("bus {}: {} skipped while waiting for unit {}", settings.name(), skipped, unit);
                continue;
            }
            if (code == (function | 0x80)) {
                throw new ModbusExceptionResponse(buffer[2] & 0xFF, what);
            }
            if (code != function) {
                throw ModbusFailure.badFrame(what, "reply with function " + (code & 0x7F) + " to function " + function);
            }
            return RtuFrames.copy(buffer, length);
        }
    }

    /** Reads until {@code target} bytes are in the buffer or the deadline passed; the number of bytes it holds. */
    private int fill(int have, int target, long deadline) throws IOException {
        while (have < target) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) break;
            have += line.read(buffer, have, target - have, (int) Math.min(Integer.MAX_VALUE, leftMs));
        }
        return have;
    }

    private void awaitSilence() {
        long wait;
        while ((wait = quietFromNanos + gapNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void checkByteCount(byte[] answer, int expected, String what) throws ModbusFailure {
        int carried = answer[2] & 0xFF;
        if (carried != expected) {
            throw ModbusFailure.badFrame(what, "answer carries " + carried + " data bytes, expected " + expected);
        }
    }

    private static void checkEcho(byte[] request, byte[] answer, int bytes, String what) throws ModbusFailure {
        for (int i = 2; i < bytes; i++) {
            if (request[i] != answer[i]) {
                throw ModbusFailure.badFrame(what, "echo does not match the write ("
                        + RtuFrames.hex(answer, answer.length) + ")");
            }
        }
    }

    private String describe(int unit, String action) {
        return "Modbus bus " + settings.name() + " unit " + unit + " " + action;
    }
}
