package io.onegrid.hub.webhooks;

import io.onegrid.hub.config.HubConfig.WebhookSettings;
import io.onegrid.hub.ingest.RateLimitedLog;
import io.onegrid.hub.store.HubEvent;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.WebhookStore.Attempt;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.DeliveryState;
import io.onegrid.hub.store.WebhookStore.Subscription;
import io.onegrid.hub.webhooks.RetrySchedule.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook worker: one thread of its own that turns new case events into deliveries ({@link FanOut}), claims the
 * due ones and hands them to the asynchronous {@link WebhookSender}, and records each outcome with its next attempt
 * ({@link RetrySchedule}). Nothing here runs on the ingest writer or on Vert.x: a case commit only wakes this thread.
 *
 * <p>Bounds: at most {@code concurrency} requests in flight overall and {@code subscriptionConcurrency} per
 * subscription, and due deliveries are looked up per subscription, so a slow or dead receiver holds its own slots
 * (until its timeout) and never the others'. With one slot per subscription (the default) a subscription's deliveries
 * are first attempted in event order; a retry may arrive after later events.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** How often the worker looks for due retries and for other hub nodes' work when nothing woke it. */
    static final Duration IDLE = Duration.ofSeconds(1);
    /**
     * A claimed delivery whose hub died mid-attempt is retried this long after twice its timeout (connecting and
     * answering are timed apart).
     */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final int FAN_OUT_STEPS_PER_TICK = 8;

    private record Finished(Delivery delivery, Outcome outcome) { }

    private final HubStore store;
    private final SecretBox secrets;
    private final WebhookSettings settings;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Random random;
    private final WebhookSender sender;
    private final FanOut fanOut;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofSeconds(30));
    private final Semaphore wake = new Semaphore(0);
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    // owned by the worker thread
    private final Map<Long, Delivery> inFlight = new LinkedHashMap<>();
    private final List<Attempt> unrecorded = new ArrayList<>();
    private final Map<Long, String> openedSecrets = new HashMap<>();
    private Map<Long, Subscription> known = Map.of();

    public WebhookDispatcher(HubStore store, SecretBox secrets, WebhookSettings settings, Clock clock, Random random) {
        this.store = store;
        this.secrets = secrets;
        this.settings = settings;
        this.schedule = new RetrySchedule(settings.maxAttempts(), settings.retryInitial(), settings.retryMax());
        this.clock = clock;
        this.random = random;
        this.sender = new WebhookSender(settings.timeout(), clock);
        this.fanOut = new FanOut(store, clock);
        store.onEvents(this::onEvents);
        this.thread = new Thread(this::run, "hub-webhooks");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** After a commit, on the committing thread: only a wake-up, never work. */
    private void onEvents(List<HubEvent> events) {
        for (HubEvent e : events) {
            if ("case".equals(e.kind())) {
                wake();
                return;
            }
        }
    }

    /** Makes the worker look for work now (new events, a resumed subscription). Cheap, from any thread. */
    public void wake() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                // the database, mostly; nothing is lost: outcomes not recorded yet are kept and recorded next time
                warnings.warn("tick", "webhook worker failed, retrying in {}: {}", IDLE, e.toString());
            }
            try {
                wake.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void tick() {
        record();
        Map<Long, Subscription> all = new LinkedHashMap<>();
        store.webhooks().forEach(s -> all.put(s.id(), s));
        known = all;
        List<Subscription> enabled = all.values().stream().filter(Subscription::enabled).toList();
        // also when nothing woke us: another hub node's events, or ours from before a crash
        boolean more = true;
        for (int i = 0; i < FAN_OUT_STEPS_PER_TICK && more; i++) more = fanOut.step(enabled, store.grid());
        if (more) wake(); // far behind: send some, then go on
        dispatch(enabled);
    }

    private void record() {
        for (Finished f; (f = finished.poll()) != null; ) {
            unrecorded.add(schedule.after(f.delivery(), f.outcome(), clock.instant(), random));
        }
        if (unrecorded.isEmpty()) return;
        store.recordAttempts(unrecorded); // on failure they stay in flight and are recorded at the next tick
        for (Attempt a : unrecorded) {
            Delivery d = inFlight.remove(a.deliveryId());
            if (a.state() == DeliveryState.GAVE_UP) {
                warnings.warn("gave-up " + a.webhookId(), "webhook {} (host {}): gave up delivery {} of event {} after {} "
                        + "attempts, last: {}; check the receiver, then see GET /api/webhooks/{}/deliveries", a.webhookId(),
                        host(a.webhookId()), a.deliveryId(), d == null ? "?" : d.eventId(), a.attempts(), a.error(),
                        a.webhookId());
            } else if (LOG.isDebugEnabled()) {
                LOG.debug("webhook {}: delivery {} {} after attempt {} ({})", a.webhookId(), a.deliveryId(),
                        a.state().wireName(), a.attempts(), a.httpStatus() != null ? a.httpStatus() : a.error());
            }
        }
        unrecorded.clear();
    }

    private void dispatch(List<Subscription> enabled) {
        int free = settings.concurrency() - inFlight.size();
        if (free <= 0 || enabled.isEmpty()) return;
        Map<Long, Integer> busy = new HashMap<>();
        inFlight.values().forEach(d -> busy.merge(d.webhookId(), 1, Integer::sum));
        Map<Long, Integer> limits = new LinkedHashMap<>();
        Map<Long, Subscription> byId = new HashMap<>();
        for (Subscription s : enabled) {
            byId.put(s.id(), s);
            int slots = settings.subscriptionConcurrency() - busy.getOrDefault(s.id(), 0);
            if (slots > 0) limits.put(s.id(), slots);
        }
        if (limits.isEmpty()) return;
        Instant now = clock.instant();
        List<Delivery> due = new ArrayList<>();
        for (Delivery d : store.dueDeliveries(limits, now)) {
            if (!inFlight.containsKey(d.id()) && due.size() < free) due.add(d);
        }
        Instant lease = now.plus(settings.timeout().multipliedBy(2)).plus(LEASE_MARGIN);
        for (Delivery d : store.claimDeliveries(due, lease)) {
            inFlight.put(d.id(), d);
            send(byId.get(d.webhookId()), d);
        }
    }

    /** Every claimed delivery ends in {@link #finish}, whatever fails here, or its slot would stay taken. */
    private void send(Subscription s, Delivery d) {
        String secret;
        try {
            secret = openedSecrets.computeIfAbsent(s.id(), id -> secrets.open(s.sealedSecret()));
        } catch (IllegalStateException e) {
            finish(d, Outcome.error("the subscription's secret cannot be decrypted with the hub's webhook key file "
                    + "(was it replaced?); create the subscription again"));
            return;
        }
        try {
            sender.send(URI.create(s.url()), d.eventId(), d.id(), secret, d.payloadJson())
                    .whenComplete((o, e) -> finish(d, o != null ? o : Outcome.error("request failed")));
        } catch (RuntimeException e) {
            finish(d, Outcome.error("request failed: " + e.getClass().getSimpleName()));
        }
    }

    private void finish(Delivery d, Outcome o) {
        finished.add(new Finished(d, o));
        wake();
    }

    /** The receiver's host only: its URL may carry a token in the query. */
    private String host(long webhookId) {
        Subscription s = known.get(webhookId);
        if (s == null) return "?";
        try {
            return URI.create(s.url()).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /** Stops the worker; deliveries still in flight become due again at once, for the next start. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
        if (thread.isAlive()) return; // stuck in the database: leave its state alone, leases expire by themselves
        try {
            record();
            List<Long> open = new ArrayList<>(inFlight.keySet());
            store.releaseDeliveries(open, clock.instant());
            fanOut.flush();
        } catch (RuntimeException e) {
            LOG.warn("webhook worker could not save its state on stop (deliveries in flight are retried after their "
                    + "lease): {}", e.getMessage());
        }
    }
}
