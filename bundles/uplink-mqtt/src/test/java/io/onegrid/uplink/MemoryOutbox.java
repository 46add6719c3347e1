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

/** An in-memory outbox with the same ordering contract, for unit tests of the drain loop. */
final class MemoryOutbox implements Outbox {
    private final TreeMap<Long, StoredMessage> rows = new TreeMap<>();
    final Map<Long, String> quarantined = new TreeMap<>();
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
        List<StoredMessage> all = new ArrayList<>(rows.values());
        all.sort(Comparator.comparingInt((StoredMessage s) -> s.priority().rank()).thenComparingLong(StoredMessage::id));
        return all.stream().filter(s -> !excludeIds.contains(s.id())).limit(max).toList();
    }

    @Override
    public synchronized void acknowledge(long id) {
        rows.remove(id);
        acknowledged.add(id);
    }

    @Override
    public synchronized void quarantine(long id, String reason) {
        rows.remove(id);
        quarantined.put(id, reason);
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

    @Override
    public synchronized OutboxStats stats() {
        return new OutboxStats(rows.size(), rows.values().stream().mapToLong(s -> s.payload().length).sum(), 0,
                quarantined.size());
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
