package io.onegrid.driver.modbus;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * An RS-485/RS-232 port through jSerialComm. jSerialComm extracts its native library into
 * {@code ${java.io.tmpdir}/jSerialComm/<version>/} (falling back to {@code ~/.jSerialComm}) the first time a port is
 * touched, so on a read-only root the gateway must start with {@code -Djava.io.tmpdir} on its writable data directory;
 * when loading fails, opening a port says so instead of failing with a bare linkage error.
 */
final class SerialPortLine implements ByteLine {
    private static final int WRITE_TIMEOUT_MS = 1000;

    private final BusSettings settings;
    private SerialPort port;

    SerialPortLine(BusSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws IOException {
        if (isOpen()) return;
        close();
        SerialPort fresh;
        try {
            fresh = SerialPort.getCommPort(settings.port());
        } catch (LinkageError e) {
            throw new IOException("the serial library jSerialComm cannot load its native part (it unpacks it under "
                    + "java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + ", which must be writable): " + e, e);
        } catch (RuntimeException e) { // SerialPortInvalidPortException
            throw new IOException("no serial port " + settings.port() + " (" + e.getMessage() + ")", e);
        }
        fresh.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(), parity());
        fresh.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                settings.timeoutMs(), WRITE_TIMEOUT_MS);
        if (!fresh.openPort()) {
            throw new IOException("cannot open serial port " + settings.port() + " (error " + fresh.getLastErrorCode()
                    + "; is it there, and may the gateway's user open it, e.g. as a member of group dialout?)");
        }
        port = fresh;
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpen();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        int written = port.writeBytes(frame, frame.length);
        if (written != frame.length) {
            throw new IOException("serial port " + settings.port() + " took " + written + " of " + frame.length + " bytes");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMs) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                Math.max(1, timeoutMs), WRITE_TIMEOUT_MS);
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw new IOException("serial port " + settings.port() + " failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void discardInput() throws IOException {
        port.flushIOBuffers();
        byte[] sink = new byte[RtuFrames.MAX_FRAME];
        int available;
        while ((available = port.bytesAvailable()) > 0) {
            if (port.readBytes(sink, Math.min(available, sink.length)) <= 0) break;
        }
    }

    @Override
    public void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public String describe() {
        return settings.port() + " " + settings.baud() + " " + settings.dataBits()
                + settings.parity().letter() + settings.stopBits();
    }

    private int stopBits() {
        return settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private int parity() {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
