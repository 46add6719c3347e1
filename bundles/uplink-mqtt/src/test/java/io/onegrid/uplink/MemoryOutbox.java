package io.onegrid.uplink;

import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxStats;
import io.onegrid.api.StoredMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory outbox for unit tests of the drain loop, held to the same {@code OutboxContract} as the SQLite
 * one ({@link MemoryOutboxContractTest}): ordering, unknown ids ignored, quarantine counted with its bytes.
 */
final class MemoryOutbox implements Outbox {
    private final TreeMap<Long, StoredMessage> rows = new TreeMap<>();
    /** Quarantined messages by id: their reason. */
    final Map<Long, String> quarantined = new TreeMap<>();
    private final Map<Long, StoredMessage> quarantinedRows = new TreeMap<>();
    final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long nextId = 1;

    @Override
    public long append(OutboundMessage m) {
        long id;
        synchronized (this) {
            id = nextId++;
            rows.put(id, new StoredMessage(id, m.priority(), m.kind(), m.payload(), 0, 0));
        }
        listeners.forEach(Runnable::run);
        return id;
    }

    @Override
    public synchronized List<StoredMessage> nextBatch(int max, Set<Long> excludeIds) {
        Set<Long> skip = excludeIds == null ? Set.of() : excludeIds;
        List<StoredMessage> all = new ArrayList<>(rows.values());
        all.sort(Comparator.comparingInt((StoredMessage s) -> s.priority().rank()).thenComparingLong(StoredMessage::id));
        return all.stream().filter(s -> !skip.contains(s.id())).limit(Math.max(0, max)).toList();
    }

    @Override
    public synchronized void acknowledge(long id) {
        if (rows.remove(id) != null) acknowledged.add(id);
    }

    @Override
    public synchronized void quarantine(long id, String reason) {
        StoredMessage s = rows.remove(id);
        if (s == null) return; // already acknowledged, quarantined or never there
        quarantined.put(id, reason);
        quarantinedRows.put(id, s);
    }

    @Override
    public synchronized void attemptFailed(long id) {
        StoredMessage s = rows.get(id);
        if (s != null) {
            rows.put(id, new StoredMessage(id, s.priority(), s.kind(), s.payload(), s.attempts() + 1, s.enqueuedWallMs()));
        }
    }

    synchronized int attempts(long id) {
        return rows.get(id).attempts();
    }

    synchronized int size() {
        return rows.size();
    }

    /** Pending payloads in sending order, as text (for assertions). */
    synchronized List<String> pendingTexts() {
        return nextBatch(Integer.MAX_VALUE, Set.of()).stream()
                .map(s -> new String(s.payload(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Override
    public synchronized OutboxStats stats() {
        return new OutboxStats(rows.size(), rows.values().stream().mapToLong(s -> s.payload().length).sum(), 0,
                quarantinedRows.size(), quarantinedRows.values().stream().mapToLong(s -> s.payload().length).sum(), 0,
                rows.isEmpty() ? null : rows.firstEntry().getValue().enqueuedWallMs());
    }

    @Override
    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeAppendListener(Runnable listener) {
        listeners.remove(listener);
    }

    int appendListeners() {
        return listeners.size();
    }
}
