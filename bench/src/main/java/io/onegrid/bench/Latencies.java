package io.onegrid.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latency samples of one measured thing, in nanoseconds, with nearest-rank percentiles (the value at
 * position ⌈p·n⌉ of the sorted samples, the method docs/cases.md uses for KPIs): with 200 samples p99 is the
 * second-largest, so one disturbed sample does not move it but two do. Not thread-safe; one owner adds.
 */
public final class Latencies {
    private long[] v = new long[256];
    private int n;

    public void add(long nanos) {
        if (n == v.length) v = Arrays.copyOf(v, n * 2);
        v[n++] = nanos;
    }

    public int count() {
        return n;
    }

    /** Percentile {@code p} (0 < p ≤ 1) in milliseconds; NaN without samples. */
    public double percentileMs(double p) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        int i = (int) Math.ceil(p * n) - 1;
        return s[Math.max(0, Math.min(n - 1, i))] / 1e6;
    }

    public double maxMs() {
        return percentileMs(1.0);
    }

    /** Smallest sample in milliseconds (signed latencies may be negative); NaN without samples. */
    public double minMs() {
        return n == 0 ? Double.NaN : Arrays.stream(v, 0, n).min().getAsLong() / 1e6;
    }

    /** "p50 / p99 / max" cells of a Markdown table, in ms with one decimal (two below 10 ms). */
    public String cells() {
        return ms(percentileMs(0.5)) + " | " + ms(percentileMs(0.99)) + " | " + ms(maxMs());
    }

    public static String ms(double ms) {
        if (Double.isNaN(ms)) return "–";
        return String.format(Locale.ROOT, Math.abs(ms) < 10 ? "%.2f ms" : "%,.1f ms", ms);
    }
}
