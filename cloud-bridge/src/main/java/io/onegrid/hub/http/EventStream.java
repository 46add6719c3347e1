package io.onegrid.hub.http;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.store.HubEvent;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.TokenSession;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: server-sent events of case, notification, device and gateway changes in the user's
 * part of the grid. Each event has its id, so a reconnecting client (EventSource sends Last-Event-ID by
 * itself) gets what it missed from the stored log, then live events. A heartbeat comment every 15 s keeps
 * proxies from closing an idle stream. A client that does not read is dropped when its connection's write
 * queue is full: the hub never waits for a slow client. Browsers' EventSource cannot send headers, so the
 * token may come as {@code ?access_token=}. Every 5 s the streams' sessions are checked: a stream whose
 * session ended (logout, expiry, a disabled account, a password reset or change) is closed, so nobody keeps
 * receiving events after losing access; the client's reconnect then gets 401.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final long HEARTBEAT_MS = 15_000;
    private static final long SESSION_CHECK_MS = 5_000;
    private static final int REPLAY_LIMIT = 1000;

    private final Vertx vertx;
    private final HubStore store;
    private final java.time.Clock clock;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();

    EventStream(Vertx vertx, HubStore store, java.time.Clock clock) {
        this.clock = clock;
        this.vertx = vertx;
        this.store = store;
        store.onEvents(this::fanOut);
        vertx.setPeriodic(HEARTBEAT_MS, id -> clients.forEach(c -> c.context.runOnContext(v -> c.heartbeat())));
        vertx.setPeriodic(SESSION_CHECK_MS, id -> closeEnded());
    }

    /**
     * Closes the streams whose session no longer holds as it was when the stream opened: ended, or the user's role or
     * scope changed (their events were chosen by the old ones). One store read per stream; dashboards are few.
     */
    private void closeEnded() {
        List<Client> open = List.copyOf(clients);
        if (open.isEmpty() || !checking.compareAndSet(false, true)) return;
        vertx.executeBlocking(() -> {
            java.time.Instant now = clock.instant();
            List<Client> ended = new ArrayList<>();
            for (Client c : open) {
                java.util.Optional<TokenSession> s = store.tokenSession(c.tokenHash, now);
                if (s.isEmpty() || s.get().role() != c.role || !java.util.Objects.equals(s.get().scopeNode(), c.scopeNode)) {
                    ended.add(c);
                }
            }
            return ended;
        }, false).onComplete(ar -> checking.set(false)).onSuccess(ended -> ended.forEach(c -> {
            clients.remove(c);
            c.context.runOnContext(v -> {
                if (!c.res.closed()) c.res.end();
            });
        })).onFailure(e -> LOG.debug("live stream sessions not checked: {}", e.toString()));
    }

    void mount(Router r) {
        r.get("/api/events").handler(this::open);
    }

    int clients() {
        return clients.size();
    }

    long dropped() {
        return dropped.get();
    }

    private void open(RoutingContext ctx) {
        TokenSession s = Access.session(ctx);
        Scope scope = Access.scope(s, store.grid());
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last == null) last = Requests.optionalParam(ctx, "lastEventId");
        long lastId;
        try {
            lastId = last == null ? -1 : Long.parseLong(last.trim());
        } catch (NumberFormatException e) {
            lastId = -1;
        }
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no")
                // the server compresses responses, but a compressor may hold an event back to fill its block
                .putHeader("Content-Encoding", "identity");
        res.write("retry: 2000\n\n");
        Client c = new Client(res, scope, vertx.getOrCreateContext(), lastId >= 0, s);
        clients.add(c);
        res.closeHandler(v -> clients.remove(c));
        res.exceptionHandler(e -> clients.remove(c));
        if (lastId >= 0) {
            long from = lastId;
            vertx.executeBlocking(() -> store.eventsAfter(from, scope, REPLAY_LIMIT), false)
                    .onSuccess(c::replayed)
                    .onFailure(e -> {
                        LOG.warn("cannot replay events after {}: {}", from, e.getMessage());
                        c.replayed(List.of());
                    });
        }
    }

    /** On the writing thread, after a commit: hand each client its events on the client's own event loop. */
    private void fanOut(List<HubEvent> events) {
        for (Client c : clients) {
            List<HubEvent> mine = new ArrayList<>();
            for (HubEvent e : events) if (c.wants(e)) mine.add(e);
            if (!mine.isEmpty()) c.context.runOnContext(v -> c.live(mine));
        }
    }

    private final class Client {
        final HttpServerResponse res;
        final Scope scope;
        final Context context;
        private boolean replaying;
        private final List<HubEvent> held = new ArrayList<>();
        private long lastSent = -1;
        private boolean gone;

        private final boolean seesCases;
        final String tokenHash;
        final io.onegrid.hub.cases.Role role;
        final String scopeNode;

        Client(HttpServerResponse res, Scope scope, Context context, boolean replaying, TokenSession session) {
            this.seesCases = session.role().seesCases();
            this.tokenHash = session.tokenHash();
            this.role = session.role();
            this.scopeNode = session.scopeNode();
            this.res = res;
            this.scope = scope;
            this.context = context;
            this.replaying = replaying;
        }

        /** In scope, and about cases only for roles that see cases (installers get device and gateway events). */
        boolean wants(HubEvent e) {
            return scope.contains(e.scopePath()) && (seesCases || !(e.kind().equals("case") || e.kind().equals("notification")));
        }

        void replayed(List<HubEvent> events) {
            events.stream().filter(this::wants).forEach(this::send);
            replaying = false;
            held.forEach(this::send);
            held.clear();
        }

        void live(List<HubEvent> events) {
            if (replaying) held.addAll(events); else events.forEach(this::send);
        }

        void heartbeat() {
            if (!res.closed() && !res.writeQueueFull()) res.write(": heartbeat\n\n");
        }

        private void send(HubEvent e) {
            if (gone || e.id() <= lastSent || res.closed()) return;
            if (res.writeQueueFull()) {
                // the rest of this batch (and batches already queued for this client) must not count it again
                gone = true;
                dropped.incrementAndGet();
                clients.remove(this);
                LOG.info("live stream client dropped: it stopped reading (event {})", e.id());
                res.reset();
                return;
            }
            lastSent = e.id();
            res.write("id: " + e.id() + "\nevent: " + e.kind() + "\ndata: " + e.payloadJson() + "\n\n");
        }
    }
}
