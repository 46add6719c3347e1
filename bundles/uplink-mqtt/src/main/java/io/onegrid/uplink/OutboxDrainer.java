package io.onegrid.uplink;

import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.StoredMessage;
import io.onegrid.protocol.ProtocolError;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from the outbox to the hub over one {@link PublishChannel} at a time. All state lives on
 * one executor thread; transport callbacks only post work to it.
 * <ul>
 * <li>Wakes on {@link #wake()} (the outbox's append listener, an acknowledgement, a backoff timer); never polls.</li>
 * <li>Keeps at most {@code window} messages in flight and tells the outbox to skip them.</li>
 * <li>PUBACK below 0x80: acknowledge (the outbox deletes). Negative and not retryable per
 *     {@link ProtocolError#isRetryableReasonCode}: quarantine, logged at WARN with the code. Negative and
 *     retryable: count the attempt and pause the whole drain with backoff (the hub said it cannot store now),
 *     unless the message has now failed {@code maxAttempts} times: then it is quarantined ("gave up after N
 *     attempts", WARN), so one message the hub keeps refusing cannot hold the drain up forever.</li>
 * <li>Connection lost: in-flight messages are simply pending again; they are re-sent unchanged (same boot
 *     and seq inside the payload), so the hub de-duplicates. Late callbacks of the old session are ignored,
 *     except a success, which still acknowledges.</li>
 * </ul>
 */
public final class OutboxDrainer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);

    private final Outbox outbox;
    private final Function<String, String> topicOfKind;
    private final ScheduledExecutorService executor;
    private final Backoff retryBackoff;
    private final int maxInFlight;
    private final int maxAttempts;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    // Confined to the executor thread.
    private final Map<Long, StoredMessage> inFlight = new HashMap<>();
    private PublishChannel channel;
    private int window;
    private long session;
    private long pausedUntilNanos;
    private boolean stopped;

    /**
     * @param maxAttempts failed sends (the outbox's {@code attempts} count plus this one) after which a message
     *                    refused with a retryable reason code is quarantined instead of retried
     */
    public OutboxDrainer(Outbox outbox, Function<String, String> topicOfKind, ScheduledExecutorService executor,
                         Backoff retryBackoff, int maxInFlight, int maxAttempts) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        this.outbox = outbox;
        this.topicOfKind = topicOfKind;
        this.executor = executor;
        this.retryBackoff = retryBackoff;
        this.maxInFlight = maxInFlight;
        this.maxAttempts = maxAttempts;
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

    /** The session is gone: whatever was in flight is pending again. */
    public void disconnected() {
        executor.execute(() -> {
            session++;
            channel = null;
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
        List<StoredMessage> batch;
        try {
            batch = outbox.nextBatch(room, Set.copyOf(inFlight.keySet()));
        } catch (OutboxException e) {
            LOG.warn("cannot read the outbox, retrying later: {}", e.getMessage());
            pause();
            return;
        }
        long mySession = session;
        PublishChannel ch = channel;
        for (StoredMessage m : batch) {
            inFlight.put(m.id(), m);
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
                LOG.debug("publish of outbox message {} not queued: {}", m.id(), e.toString());
                pause();
                return;
            }
        }
    }

    private void onAck(long ackSession, StoredMessage m, int reasonCode) {
        boolean current = ackSession == session;
        if (current) inFlight.remove(m.id());
        try {
            if (reasonCode < 0x80) {
                outbox.acknowledge(m.id());
                if (current) retryBackoff.reset();
            } else if (!current) {
                return; // the message is pending again and will be judged on its next attempt
            } else if (!ProtocolError.isRetryableReasonCode(reasonCode)) {
                LOG.warn("hub rejected outbox message {} ({}) with PUBACK reason code {}: quarantined, not retried",
                        m.id(), m.kind(), hex(reasonCode));
                outbox.quarantine(m.id(), "PUBACK reason code " + hex(reasonCode));
            } else if (m.attempts() + 1 >= maxAttempts) {
                String reason = "gave up after " + (m.attempts() + 1) + " attempts (last PUBACK reason code "
                        + hex(reasonCode) + ")";
                LOG.warn("hub keeps refusing outbox message {} ({}) with retryable PUBACK reason codes: {}; quarantined",
                        m.id(), m.kind(), reason);
                outbox.quarantine(m.id(), reason);
            } else {
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
        inFlight.remove(m.id());
        LOG.debug("publish of outbox message {} failed: {}", m.id(), error.toString());
        try {
            outbox.attemptFailed(m.id());
        } catch (OutboxException e) {
            LOG.warn("outbox refused the failed attempt of message {}: {}", m.id(), e.getMessage());
        }
        pause();
    }

    /** Stops sending until a backoff delay passed, then drains again. */
    private long pause() {
        long delay = retryBackoff.next();
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        try {
            executor.schedule(this::drain, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
        return delay;
    }

    static String hex(int reasonCode) {
        return String.format(Locale.ROOT, "0x%02X", reasonCode);
    }
}
