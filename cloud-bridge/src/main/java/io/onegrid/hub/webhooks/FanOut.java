package io.onegrid.hub.webhooks;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.store.HubEvent;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.WebhookStore.NewDelivery;
import io.onegrid.hub.store.WebhookStore.Subscription;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns live case events ({@code hub_events}, written by the case transaction) into deliveries, after the fact and
 * on the webhook worker's thread, so the case engine never waits for a webhook. A persisted cursor says which
 * events are done; a restart scans again from it, and the store keeps one delivery per subscription and event.
 *
 * <p>Event ids grow, but on PostgreSQL writers commit concurrently, so event 41 may become visible after 42. An id
 * skipped over is therefore remembered as a gap and looked for again until it shows up or {@link #SETTLE} has
 * passed (then it was a rolled-back insert); the cursor stays before the oldest open gap. Deliveries of the events
 * after a gap are made at once all the same: only the cursor waits.
 */
final class FanOut {
    static final int BATCH = 500;
    /** Longer than any transaction that appends an event runs. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    /** The cursor is written with the deliveries it covers, else at most this often (events no one subscribed to). */
    static final Duration CURSOR_FLUSH = Duration.ofSeconds(30);
    private static final int MAX_GAPS = 100_000;

    private final HubStore store;
    private final Clock clock;
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private long high;
    private long persisted;
    private Instant flushedAt = Instant.MIN;

    FanOut(HubStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.high = store.webhookCursor();
        this.persisted = high;
    }

    /** One batch; returns true when more events may be waiting (the batch was full). */
    boolean step(List<Subscription> subscriptions, Grid grid) {
        Instant now = clock.instant();
        List<HubEvent> events = new ArrayList<>(late());
        List<HubEvent> fresh = store.eventsAfter(high, Scope.ALL, BATCH);
        for (HubEvent e : fresh) {
            for (long id = high + 1; id < e.id() && gaps.size() < MAX_GAPS; id++) gaps.put(id, now);
            high = e.id();
        }
        events.addAll(fresh);
        gaps.values().removeIf(seen -> Duration.between(seen, now).compareTo(SETTLE) > 0);
        long cursor = gaps.isEmpty() ? high : gaps.firstKey() - 1;
        List<NewDelivery> deliveries = deliveries(events, subscriptions, grid);
        boolean flushDue = cursor != persisted && Duration.between(flushedAt, now).compareTo(CURSOR_FLUSH) >= 0;
        if (!deliveries.isEmpty() || flushDue) {
            store.enqueueDeliveries(deliveries, cursor, now);
            persisted = cursor;
            flushedAt = now;
        }
        return fresh.size() == BATCH;
    }

    /** Writes the cursor if it moved since it was last written (the hub is stopping). */
    void flush() {
        long cursor = gaps.isEmpty() ? high : gaps.firstKey() - 1;
        if (cursor != persisted) store.enqueueDeliveries(List.of(), cursor, clock.instant());
        persisted = cursor;
    }

    /** Events that filled a gap since the last step: one read per run of consecutive missing ids. */
    private List<HubEvent> late() {
        List<HubEvent> found = new ArrayList<>();
        Long start = null;
        long prev = -2;
        List<long[]> runs = new ArrayList<>();
        for (long id : gaps.keySet()) {
            if (start == null || id != prev + 1) {
                if (start != null) runs.add(new long[] {start, prev});
                start = id;
            }
            prev = id;
        }
        if (start != null) runs.add(new long[] {start, prev});
        for (long[] run : runs) {
            int span = (int) Math.min(BATCH, run[1] - run[0] + 1);
            for (HubEvent e : store.eventsAfter(run[0] - 1, Scope.ALL, span)) {
                if (e.id() <= run[1] && gaps.remove(e.id()) != null) found.add(e);
            }
        }
        return found;
    }

    static List<NewDelivery> deliveries(List<HubEvent> events, List<Subscription> subscriptions, Grid grid) {
        List<NewDelivery> out = new ArrayList<>();
        if (subscriptions.isEmpty()) return out;
        Map<Long, Optional<Scope>> scopes = new java.util.HashMap<>();
        subscriptions.forEach(s -> scopes.put(s.id(), WebhookMatcher.scope(s, grid)));
        for (HubEvent e : events) {
            if (!"case".equals(e.kind())) continue;
            JsonObject payload;
            try {
                payload = new JsonObject(e.payloadJson());
            } catch (DecodeException bad) {
                continue; // written by the hub itself; a damaged row is not a receiver's business
            }
            String type = payload.getString("type");
            String body = null;
            for (Subscription s : subscriptions) {
                if (!WebhookMatcher.matches(s, scopes.get(s.id()), e, type)) continue;
                if (body == null) body = body(e, payload);
                out.add(new NewDelivery(s.id(), e.id(), payload.getLong("id", 0L), payload.getString("change", "?"), body));
            }
        }
        return out;
    }

    /**
     * The JSON a receiver gets: the event's id, kind, change and time, and the case summary of the live stream,
     * which carries no personal data (residents appear as ids only in a case's detail, not here).
     */
    static String body(HubEvent e, JsonObject payload) {
        JsonObject summary = payload.copy();
        String change = (String) summary.remove("change");
        return new JsonObject().put("eventId", e.id()).put("kind", e.kind()).put("change", change)
                .put("at", Instant.ofEpochMilli(e.at()).toString()).put("case", summary).encode();
    }
}
