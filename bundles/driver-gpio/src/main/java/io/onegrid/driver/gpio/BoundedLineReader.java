package io.onegrid.driver.gpio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads '\n'-terminated UTF-8 lines without ever holding more than {@code maxBytes} of one line: a longer
 * line is skipped up to its end and reported as oversized, so a peer cannot make us buffer without bound.
 */
final class BoundedLineReader {

    /** One line read: its text (null if not valid UTF-8), or, if oversized, the start of it. */
    record Line(String text, boolean oversized, boolean malformed, String preview) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream buffer;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.buffer = new ByteArrayOutputStream(Math.min(maxBytes, 256));
    }

    /** The next line, or null at end of stream (a partial last line is dropped). */
    Line next() throws IOException {
        buffer.reset();
        boolean oversized = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (buffer.size() < maxBytes) {
                buffer.write(b);
            } else {
                oversized = true;
            }
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length;
        if (!oversized && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        String lenient = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (oversized) {
            return new Line(null, true, false, preview(lenient));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            return new Line(text, false, false, preview(text));
        } catch (CharacterCodingException e) {
            return new Line(null, false, true, preview(lenient));
        }
    }

    /** A log-safe start of a line: control characters shown as '?', at most 60 characters. */
    static String preview(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 60; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > 60) {
            out.append("...");
        }
        return out.toString();
    }
}
