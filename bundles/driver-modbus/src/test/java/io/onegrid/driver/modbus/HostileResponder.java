package io.onegrid.driver.modbus;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A scripted RTU slave for the malformed-answer tests: unit 1 answers register reads correctly (register i holds
 * 100 + i); unit 2 misbehaves as {@link #mode} says; every other unit id is silent. It serves one byte stream (the
 * far end of a socat pty, or a socket) on its own daemon thread, one request at a time, as a bus does.
 */
final class HostileResponder implements AutoCloseable {
    enum Mode { GOOD, EXCEPTION, BAD_CRC, WRONG_UNIT, WRONG_FUNCTION, SHORT, GARBAGE, SILENT, LATE }

    volatile Mode mode = Mode.GOOD;
    private final int lateMs;
    private final Thread thread;
    private final AutoCloseable stream;

    private HostileResponder(AutoCloseable stream, int lateMs, Runnable loop) {
        this.lateMs = lateMs;
        this.stream = stream;
        thread = new Thread(loop, "hostile-rtu-responder");
        thread.setDaemon(true);
    }

    /** Serves the far end of a pty (the other end is the master's serial port). */
    static HostileResponder overPty(Path device, int lateMs) throws IOException {
        RandomAccessFile far = new RandomAccessFile(device.toFile(), "rw");
        HostileResponder[] self = new HostileResponder[1];
        self[0] = new HostileResponder(far, lateMs,
                () -> self[0].serve(new FileInputStream(safeFd(far)), new FileOutputStream(safeFd(far))));
        self[0].thread.start();
        return self[0];
    }

    /** Serves each connection the master makes to {@code server}, one after the other (a serial server's port). */
    static HostileResponder overTcp(ServerSocket server, int lateMs) {
        HostileResponder[] self = new HostileResponder[1];
        self[0] = new HostileResponder(server, lateMs, () -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    self[0].serve(socket.getInputStream(), socket.getOutputStream());
                } catch (IOException closed) {
                    // the server closed: the test is over
                }
            }
        });
        self[0].thread.start();
        return self[0];
    }

    private static java.io.FileDescriptor safeFd(RandomAccessFile file) {
        try {
            return file.getFD();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void serve(InputStream in, OutputStream out) {
        byte[] request = new byte[8];
        try {
            while (true) {
                int have = 0;
                while (have < 8) {
                    int n = in.read(request, have, 8 - have);
                    if (n < 0) return;
                    have += n;
                }
                if (!Crc16.matches(request, 8)) continue;
                byte[] reply = reply(request);
                if (reply != null) {
                    out.write(reply);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // the line went away: the test is over
        }
    }

    private byte[] reply(byte[] request) {
        int unit = request[0] & 0xFF;
        int function = request[1] & 0xFF;
        int start = RtuFrames.word(request, 2);
        int count = RtuFrames.word(request, 4);
        int[] data = new int[3 + 2 * count];
        data[0] = unit;
        data[1] = function;
        data[2] = 2 * count;
        for (int i = 0; i < count; i++) {
            data[3 + 2 * i] = (100 + start + i) >> 8;
            data[4 + 2 * i] = (100 + start + i) & 0xFF;
        }
        byte[] good = ScriptedLine.frame(data);
        if (unit == 1) return good;
        if (unit != 2) return null;
        switch (mode) {
            case GOOD:
                return good;
            case EXCEPTION:
                return ScriptedLine.frame(2, function | 0x80, 4);
            case BAD_CRC:
                good[good.length - 1] ^= 0x5A;
                return good;
            case WRONG_UNIT:
                data[0] = 7;
                return ScriptedLine.frame(data);
            case WRONG_FUNCTION:
                data[1] = function == 3 ? 4 : 3;
                return ScriptedLine.frame(data);
            case SHORT:
                return Arrays.copyOf(good, good.length - 3);
            case GARBAGE:
                return new byte[] {0x02, 0x37, (byte) 0xA5, 0x5A, 0x00, (byte) 0xFF};
            case LATE:
                try {
                    Thread.sleep(lateMs); // a slow slave: its answer comes after the master gave up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return good;
            default:
                return null;
        }
    }

    @Override
    public void close() throws Exception {
        stream.close();
    }
}
