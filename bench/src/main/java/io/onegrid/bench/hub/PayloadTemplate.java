package io.onegrid.bench.hub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An encoded envelope whose numbers can be replaced in place: it was encoded with 13-digit marker numbers
 * (e.g. seq 1000000000000), and {@link #fill} writes other 13-digit numbers over them. Lets publishers send
 * a unique seq per message without paying for a JSON encode per message on the bench machine's two cores.
 */
final class PayloadTemplate {
    static final long SEQ_MARK = 1_000_000_000_000L;
    static final long ID_MARK = 2_000_000_000_000L;
    private static final int DIGITS = 13;

    private final byte[] bytes;
    private final int[] positions;

    /** {@code encoded} must contain each marker exactly once, in this order. */
    PayloadTemplate(byte[] encoded, long... marks) {
        this.bytes = encoded;
        List<Integer> found = new ArrayList<>();
        for (long mark : marks) {
            byte[] m = Long.toString(mark).getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(encoded, m);
            if (at < 0 || indexOf(Arrays.copyOfRange(encoded, at + 1, encoded.length), m) >= 0) {
                throw new IllegalArgumentException("marker " + mark + " must occur exactly once in the template");
            }
            found.add(at);
        }
        this.positions = found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A copy with the i-th marker replaced by {@code values[i]} (each 13 digits). */
    byte[] fill(long... values) {
        byte[] out = bytes.clone();
        for (int i = 0; i < positions.length; i++) {
            long v = values[i];
            for (int d = DIGITS - 1; d >= 0; d--) {
                out[positions[i] + d] = (byte) ('0' + (v % 10));
                v /= 10;
            }
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
