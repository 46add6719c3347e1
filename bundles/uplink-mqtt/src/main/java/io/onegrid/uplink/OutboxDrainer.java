package io.onegrid.uplink;

import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.StoredMessage;
import io.onegrid.profile.Backoff;
import io.onegrid.protocol.ProtocolError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from the outbox to the hub over one {@link PublishChannel} at a time. All state lives on
 * one executor thread; transport callbacks only post work to it.
 * <ul>
 * <li>Wakes on {@link #wake()} (the outbox's append listener, an acknowledgement, a backoff timer); never polls.</li>
 * <li>Keeps at most {@code window} messages in flight and tells the outbox to skip them.</li>
 * <li>PUBACK below 0x80: acknowledge (the outbox deletes).</li>
 * <li>Negative and final (not {@link ProtocolError#isRetryableReasonCode}): quarantine, logged at WARN with the
 *     code; an alarm set aside is reported to the hub by an event ({@link SetAsideNotice}).</li>
 * <li>Negative and retryable (0x80, 0x89, 0x97: the hub cannot store now): count the attempt and pause the
 *     whole drain with backoff; the message keeps its place. Never quarantined, however long it lasts: a hub
 *     whose database is down for an hour gets every alarm afterwards, alarms first.</li>
 * <li>No PUBACK (the publish threw, failed, or its connection was lost): the attempt is counted and the
 *     message is pending again. Only the failures that are the message's own count towards holding it back
 *     ({@link HoldBacks}): a publish that threw, and a lost publish of the <b>head of the line</b>, the message
 *     published while nothing else was in flight (at a session's start, the oldest). A message the connection
 *     dies on every time is always at the head (it is the oldest), so it is caught; the others in flight with
 *     it are not blamed. Until held back, a failure pauses the whole drain with backoff.</li>
 * <li>Connection lost: in-flight messages are simply pending again; they are re-sent unchanged (same boot
 *     and seq inside the payload), so the hub de-duplicates. Late callbacks of the old session are ignored,
 *     except a success, which still acknowledges.</li>
 * </ul>
 */
public final class OutboxDrainer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);

    private record InFlight(StoredMessage message, boolean head) { }

    private final Outbox outbox;
    private final Function<String, String> topicOfKind;
    private final ScheduledExecutorService executor;
    private final Backoff.Retries retryBackoff;
    private final int maxInFlight;
    private final HoldBacks holdBacks;
    private final SetAsideNotice setAside;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    // Confined to the executor thread.
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private PublishChannel channel;
    private int window;
    private long session;
    private long pausedUntilNanos;
    private boolean stopped;

    /**
     * @param holdBackoff   makes the delay of one held-back message (one {@link Backoff.Retries} per message)
     * @param holdBackAfter the message's own failures in a row after which it is held back behind the others
     * @param setAside      reports an alarm the hub refused for good
     */
    public OutboxDrainer(Outbox outbox, Function<String, String> topicOfKind, ScheduledExecutorService executor,
                         Backoff.Retries retryBackoff, Supplier<Backoff.Retries> holdBackoff, int maxInFlight, int holdBackAfter,
                         SetAsideNotice setAside) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        this.outbox = outbox;
        this.topicOfKind = topicOfKind;
        this.executor = executor;
        this.retryBackoff = retryBackoff;
        this.maxInFlight = maxInFlight;
        this.holdBacks = new HoldBacks(holdBackAfter, holdBackoff, System::nanoTime);
        this.setAside = setAside;
    }

    /**
     * In-flight bound for a session: our own maximum, and one below the server's Receive Maximum so the
     * birth, health and death messages sent beside the drain always find a free slot.
     */
    static int window(int maxInFlight, int serverReceiveMaximum) {
        int server = serverReceiveMaximum <= 0 ? 65_535 : serverReceiveMaximum;
        return Math.max(1, Math.min(maxInFlight, server > 1 ? server - 1 : 1));
    }

    /** A session is up: start draining through it. */
    public void connected(PublishChannel newChannel, int serverReceiveMaximum) {
        executor.execute(() -> {
            session++;
            inFlight.clear();
            channel = newChannel;
            window = window(maxInFlight, serverReceiveMaximum);
            pausedUntilNanos = 0;
            drain();
        });
    }

    /** The session is gone: whatever was in flight is pending again; a lost head of the line is a failure of its own. */
    public void disconnected() {
        executor.execute(() -> {
            session++;
            channel = null;
            for (InFlight f : inFlight.values()) {
                countAttempt(f.message());
                if (f.head()) holdBackIfItsOwn(f.message(), "its connection was lost");
            }
            inFlight.clear();
        });
    }

    /** Something may be ready to send. Cheap and idempotent; safe from any thread. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down
            }
        }
    }

    private void post(Runnable r) {
        try {
            executor.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("uplink stopped, publish outcome dropped (the message stays pending)");
        }
    }

    public void stop() {
        post(() -> {
            stopped = true;
            channel = null;
            inFlight.clear();
        });
    }

    /** Messages currently awaiting a PUBACK (for tests and health). Call on the executor or accept a stale view. */
    int inFlightCount() {
        return inFlight.size();
    }

    private void drain() {
        if (stopped || channel == null || System.nanoTime() < pausedUntilNanos) return;
        int room = window - inFlight.size();
        if (room <= 0) return;
        Set<Long> skip = new HashSet<>(inFlight.keySet());
        skip.addAll(holdBacks.held());
        List<StoredMessage> batch;
        try {
            batch = outbox.nextBatch(room, skip);
        } catch (OutboxException e) {
            LOG.warn("cannot read the outbox, retrying later: {}", e.getMessage());
            pause();
            return;
        }
        long mySession = session;
        PublishChannel ch = channel;
        boolean heldOne = false;
        for (StoredMessage m : batch) {
            boolean head = inFlight.isEmpty();
            inFlight.put(m.id(), new InFlight(m, head));
            try {
                ch.publish(topicOfKind.apply(m.kind()), m.payload(), new PublishChannel.Result() {
                    @Override
                    public void acknowledged(int reasonCode) {
                        post(() -> onAck(mySession, m, reasonCode));
                    }

                    @Override
                    public void failed(Throwable error) {
                        post(() -> onFailed(mySession, m, error));
                    }
                });
            } catch (Exception e) {
                inFlight.remove(m.id());
                countAttempt(m);
                if (!holdBackIfItsOwn(m, "its publish failed: " + e)) {
                    LOG.debug("publish of outbox message {} not queued: {}", m.id(), e.toString());
                    pause();
                    return;
                }
                heldOne = true;
            }
        }
        if (heldOne) wake(); // the slots of held messages go to the ones behind them
    }

    private void onAck(long ackSession, StoredMessage m, int reasonCode) {
        boolean current = ackSession == session;
        if (current) inFlight.remove(m.id());
        try {
            if (reasonCode < 0x80) {
                outbox.acknowledge(m.id());
                holdBacks.delivered(m.id());
                if (current) retryBackoff.reset();
            } else if (!current) {
                return; // the message is pending again and will be judged on its next attempt
            } else if (!ProtocolError.isRetryableReasonCode(reasonCode)) {
                holdBacks.reachedHub(m.id());
                String reason = "PUBACK reason code " + hex(reasonCode);
                LOG.warn("hub rejected outbox message {} ({}) with {}: quarantined, not retried", m.id(), m.kind(), reason);
                outbox.quarantine(m.id(), reason);
                setAside.setAside(m, reason);
            } else {
                holdBacks.refusedForNow(m.id());
                outbox.attemptFailed(m.id());
                long delay = pause();
                LOG.info("hub cannot take outbox message {} now (PUBACK reason code {}); retrying in {} ms",
                        m.id(), hex(reasonCode), delay);
            }
        } catch (OutboxException e) {
            LOG.warn("outbox refused the outcome of message {}: {}", m.id(), e.getMessage());
        }
        drain();
    }

    private void onFailed(long failedSession, StoredMessage m, Throwable error) {
        if (failedSession != session) return; // connection loss already put it back to pending
        InFlight f = inFlight.remove(m.id());
        if (f == null) return;
        LOG.debug("publish of outbox message {} failed: {}", m.id(), error.toString());
        countAttempt(m);
        if (f.head() && holdBackIfItsOwn(m, "no PUBACK came: " + error)) {
            drain();
        } else {
            pause();
        }
    }

    /** Counts a failure of the message's own; true when it is now held back (the drain goes on without it). */
    private boolean holdBackIfItsOwn(StoredMessage m, String why) {
        long delay = holdBacks.failed(m.id());
        if (delay < 0) return false;
        LOG.warn("outbox message {} ({}) failed {} times in a row ({}): held back for {} ms while the messages"
                + " behind it are sent", m.id(), m.kind(), holdBacks.streak(m.id()), why, delay);
        schedule(delay);
        return true;
    }

    private void countAttempt(StoredMessage m) {
        try {
            outbox.attemptFailed(m.id());
        } catch (OutboxException e) {
            LOG.warn("outbox refused the failed attempt of message {}: {}", m.id(), e.getMessage());
        }
    }

    /** Stops sending until a backoff delay passed, then drains again. */
    private long pause() {
        long delay = retryBackoff.next();
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        schedule(delay);
        return delay;
    }

    private void schedule(long delayMs) {
        try {
            executor.schedule(this::drain, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    static String hex(int reasonCode) {
        return String.format(Locale.ROOT, "0x%02X", reasonCode);
    }
}
