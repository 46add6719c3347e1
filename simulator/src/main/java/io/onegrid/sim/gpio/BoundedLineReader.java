package io.onegrid.sim.gpio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads '\n'-terminated UTF-8 lines of at most a given length, so a client cannot make us buffer without bound. */
final class BoundedLineReader {
    /** Returned (by identity) for a line that exceeded the limit; its bytes are skipped. */
    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[4096];
    private int pos;
    private int end;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator (and without a trailing '\r'), or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer);
                pos = 0;
                if (end < 0) {
                    end = 0;
                    return line.size() == 0 && !tooLong ? null : finish(line, tooLong);
                }
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                return finish(line, tooLong);
            }
            if (line.size() < maxBytes) {
                line.write(b);
            } else {
                tooLong = true;
            }
        }
    }

    private static String finish(ByteArrayOutputStream line, boolean tooLong) {
        if (tooLong) {
            return TOO_LONG;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
