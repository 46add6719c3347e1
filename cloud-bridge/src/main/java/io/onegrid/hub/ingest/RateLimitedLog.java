package io.onegrid.hub.ingest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * WARN logging that writes at most one line per key per interval and says how many it held back, so a
 * misbehaving gateway cannot flood the log. Thread-safe.
 */
public final class RateLimitedLog {
    private static final int MAX_KEYS = 1000;

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, long[]> state = new LinkedHashMap<>(); // key -> {last nanos, suppressed}

    public RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    public void warn(String key, String format, Object... args) {
        long suppressed;
        synchronized (state) {
            long now = System.nanoTime();
            long[] s = state.get(key);
            if (s != null && now - s[0] < intervalNanos) {
                s[1]++;
                return;
            }
            suppressed = s == null ? 0 : s[1];
            if (s == null && state.size() >= MAX_KEYS) {
                state.remove(state.keySet().iterator().next());
            }
            state.put(key, new long[] {now, 0});
        }
        if (suppressed > 0) {
            log.warn(format + " ({} similar suppressed)", append(args, suppressed));
        } else {
            log.warn(format, args);
        }
    }

    private static Object[] append(Object[] args, Object extra) {
        Object[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }
}
