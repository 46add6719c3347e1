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
    /** Bytes on their way, each chunk readable from its release time on. */
    private final Deque<Chunk> arriving = new ArrayDeque<>();

    private record Chunk(byte[] bytes, long releaseNanos) { }
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

    /** The next request is answered with these frames, {@code delayMs} after it was written. */
    ScriptedLine replyAfter(int delayMs, byte[]... frames) {
        replies.add(request -> {
            long at = System.nanoTime() + delayMs * 1_000_000L;
            for (byte[] f : frames) arriving.add(new Chunk(f, at));
            return List.of();
        });
        return this;
    }

    /** The next request gets no answer. */
    ScriptedLine silence() {
        replies.add(request -> List.of());
        return this;
    }

    /** Bytes already waiting on the line (a late answer to an earlier request). */
    ScriptedLine stray(byte[] bytes) {
        arriving.add(new Chunk(bytes, 0));
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
        if (reply != null) {
            for (byte[] chunk : reply.apply(frame.clone())) arriving.add(new Chunk(chunk, 0));
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMs) throws IOException {
        Chunk next;
        synchronized (this) {
            next = arriving.peek();
        }
        long waitNanos = next == null ? timeoutMs * 1_000_000L : next.releaseNanos() - System.nanoTime();
        if (waitNanos > 0) {
            try { // a blocking port with nothing to read yet
                Thread.sleep(Math.min(timeoutMs, Math.max(1, waitNanos / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                next = arriving.peek();
            }
            if (next == null || next.releaseNanos() > System.nanoTime()) return 0;
        }
        byte[] chunk;
        synchronized (this) {
            chunk = arriving.poll().bytes();
        }
        int n = Math.min(length, chunk.length);
        System.arraycopy(chunk, 0, buffer, offset, n);
        if (n < chunk.length) {
            synchronized (this) {
                arriving.addFirst(new Chunk(Arrays.copyOfRange(chunk, n, chunk.length), 0));
            }
        }
        return n;
    }

    @Override
    public synchronized void discardInput() {
        discards++;
        long now = System.nanoTime();
        arriving.removeIf(chunk -> chunk.releaseNanos() <= now); // what is still on its way cannot be discarded yet
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
