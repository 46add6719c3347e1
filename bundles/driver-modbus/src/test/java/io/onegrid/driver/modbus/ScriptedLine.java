package io.onegrid.driver.modbus;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A fake serial line for framing tests: each written request is answered by the next scripted reply (bytes that
 * arrive, possibly in pieces), or by silence. A read with nothing to deliver blocks for its timeout, as a port does.
 */
final class ScriptedLine implements ByteLine {
    /** What one request gets back: chunks that arrive in order (none = silence). */
    private final Deque<Function<byte[], List<byte[]>>> replies = new ArrayDeque<>();
    private final Deque<byte[]> arriving = new ArrayDeque<>();
    final List<byte[]> written = new ArrayList<>();
    final List<Long> writtenAtNanos = new ArrayList<>();
    int opens;
    int discards;
    IOException failNextWrite;
    private boolean open;

    /** The next request is answered with these frames' bytes. */
    ScriptedLine reply(byte[]... frames) {
        replies.add(request -> List.of(frames));
        return this;
    }

    /** The next request is answered by what {@code answer} makes of it. */
    ScriptedLine replyTo(Function<byte[], List<byte[]>> answer) {
        replies.add(answer);
        return this;
    }

    /** The next request gets no answer. */
    ScriptedLine silence() {
        replies.add(request -> List.of());
        return this;
    }

    /** Bytes already waiting on the line (a late answer to an earlier request). */
    ScriptedLine stray(byte[] bytes) {
        arriving.add(bytes);
        return this;
    }

    /** A frame with its CRC appended. */
    static byte[] frame(int... bytes) {
        byte[] out = new byte[bytes.length + 2];
        for (int i = 0; i < bytes.length; i++) out[i] = (byte) bytes[i];
        int crc = Crc16.of(out, 0, bytes.length);
        out[bytes.length] = (byte) crc;
        out[bytes.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    @Override
    public void open() {
        if (!open) {
            open = true;
            opens++;
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void write(byte[] frame) throws IOException {
        if (failNextWrite != null) {
            IOException e = failNextWrite;
            failNextWrite = null;
            open = false;
            throw e;
        }
        written.add(frame.clone());
        writtenAtNanos.add(System.nanoTime());
        Function<byte[], List<byte[]>> reply = replies.poll();
        if (reply != null) arriving.addAll(reply.apply(frame.clone()));
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMs) throws IOException {
        byte[] chunk;
        synchronized (this) {
            chunk = arriving.poll();
        }
        if (chunk == null) {
            try {
                Thread.sleep(timeoutMs); // a blocking port with nothing to read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        int n = Math.min(length, chunk.length);
        System.arraycopy(chunk, 0, buffer, offset, n);
        if (n < chunk.length) {
            synchronized (this) {
                arriving.addFirst(Arrays.copyOfRange(chunk, n, chunk.length));
            }
        }
        return n;
    }

    @Override
    public synchronized void discardInput() {
        discards++;
        arriving.clear();
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public String describe() {
        return "scripted line";
    }
}
