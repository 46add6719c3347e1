package io.onegrid.hub.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the MQTT endpoint did with messages since start, for /api/health and tests. */
public final class IngestCounters {
    public final AtomicLong received = new AtomicLong();
    public final AtomicLong stored = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    /** Refused as malformed, unauthorized or too large: never stored, never retried. */
    public final AtomicLong rejected = new AtomicLong();
    /** Not stored now, answered with a code the gateway retries (0x97 storage or load, 0x80 newer envelope version). */
    public final AtomicLong failed = new AtomicLong();
    /** Applying it failed in a way that would repeat (0x83, final): the gateway quarantines it. */
    public final AtomicLong unprocessable = new AtomicLong();
    /**
     * QoS 0 messages dropped unread because their gateway already had Receive Maximum QoS 0 messages waiting for
     * the commit: QoS 0 promises nothing, and this bound keeps one gateway from filling the shared queue.
     */
    public final AtomicLong qos0Dropped = new AtomicLong();

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("received", received.get());
        m.put("stored", stored.get());
        m.put("duplicates", duplicates.get());
        m.put("rejected", rejected.get());
        m.put("failed", failed.get());
        m.put("unprocessable", unprocessable.get());
        m.put("qos0Dropped", qos0Dropped.get());
        return m;
    }
}
