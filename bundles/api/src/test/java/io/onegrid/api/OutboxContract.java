package io.onegrid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Outbox} promises, run over each implementation (the SQLite outbox, the in-memory one of
 * the uplink tests): a subclass makes a fresh, empty outbox per test. {@link #settle} waits until operations
 * an implementation queues (acknowledge, quarantine, attemptFailed) are applied; the contract allows that
 * delay for stats and attempts, but not for hiding acknowledged and quarantined messages from nextBatch.
 */
public abstract class OutboxContract {
    private Outbox outbox;

    /** A new, empty outbox. */
    protected abstract Outbox newOutbox() throws Exception;

    /** Waits until queued operations are applied; the default is for outboxes that apply them at once. */
    protected void settle(Outbox o) throws Exception {
        // applied at once
    }

    /** Closes what {@link #newOutbox} opened. */
    protected void dispose(Outbox o) throws Exception {
        // nothing to close
    }

    @BeforeEach
    void openOutbox() throws Exception {
        outbox = newOutbox();
    }

    @AfterEach
    void closeOutbox() throws Exception {
        dispose(outbox);
    }

    private static OutboundMessage msg(Priority p, String text) {
        return new OutboundMessage(p, p.name().toLowerCase(java.util.Locale.ROOT), text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(List<StoredMessage> batch) {
        return batch.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
    }

    private List<StoredMessage> all() throws Exception {
        return outbox.nextBatch(1000, Set.of());
    }

    /** GIVEN messages of every priority appended out of order THEN alarms, events, telemetry leave, oldest first. */
    @Test
    void nextBatchOrdersByPriorityThenAge() throws Exception {
        outbox.append(msg(Priority.TELEMETRY, "t1"));
        outbox.append(msg(Priority.EVENT, "e1"));
        outbox.append(msg(Priority.ALARM, "a1"));
        outbox.append(msg(Priority.TELEMETRY, "t2"));
        outbox.append(msg(Priority.ALARM, "a2"));

        assertThat(texts(all())).containsExactly("a1", "a2", "e1", "t1", "t2");
    }

    /** GIVEN a message appended THEN it comes back with its id, priority, kind, payload and no attempts. */
    @Test
    void storedMessageKeepsWhatWasAppended() throws Exception {
        long id = outbox.append(msg(Priority.EVENT, "payload"));

        StoredMessage m = all().get(0);
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.priority()).isEqualTo(Priority.EVENT);
        assertThat(m.kind()).isEqualTo("event");
        assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("payload");
        assertThat(m.attempts()).isZero();
    }

    /** GIVEN five messages THEN max bounds the batch, excludeIds are skipped (not counted), null excludes none. */
    @Test
    void nextBatchHonoursMaxAndExcludeIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(outbox.append(msg(Priority.TELEMETRY, "t" + i)));

        assertThat(outbox.nextBatch(2, Set.of())).extracting(StoredMessage::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(outbox.nextBatch(2, Set.of(ids.get(0), ids.get(1)))).extracting(StoredMessage::id)
                .containsExactly(ids.get(2), ids.get(3));
        assertThat(outbox.nextBatch(10, null)).hasSize(5);
        assertThat(outbox.nextBatch(0, Set.of())).isEmpty();
    }

    /** GIVEN a message acknowledged THEN it is gone from nextBatch at once and from the stats once settled. */
    @Test
    void acknowledgeDeletes() throws Exception {
        long a = outbox.append(msg(Priority.ALARM, "a"));
        long b = outbox.append(msg(Priority.ALARM, "b"));

        outbox.acknowledge(a);

        assertThat(all()).extracting(StoredMessage::id).containsExactly(b);
        settle(outbox);
        assertThat(outbox.stats().pending()).isEqualTo(1);
        assertThat(outbox.stats().pendingBytes()).isEqualTo(1);
    }

    /**
     * GIVEN a telemetry message stored before an alarm WHEN the telemetry is acknowledged, then the alarm THEN the
     * oldest pending time is the telemetry's, then the alarm's (as nextBatch reports them), then none.
     */
    @Test
    void oldestPendingIsTheFirstStoredStillPending() throws Exception {
        long t = outbox.append(msg(Priority.TELEMETRY, "t"));
        long a = outbox.append(msg(Priority.ALARM, "a"));
        List<StoredMessage> stored = all();

        assertThat(outbox.stats().oldestPendingWallMs()).isEqualTo(stored.get(1).enqueuedWallMs());
        outbox.acknowledge(t);
        settle(outbox);
        assertThat(outbox.stats().oldestPendingWallMs()).isEqualTo(stored.get(0).enqueuedWallMs());
        outbox.acknowledge(a);
        settle(outbox);
        assertThat(outbox.stats().oldestPendingWallMs()).isNull();
    }

    /** GIVEN a message quarantined THEN it is never offered again and is counted with its bytes. */
    @Test
    void quarantineSetsAsideAndCounts() throws Exception {
        long bad = outbox.append(msg(Priority.ALARM, "bad"));
        long good = outbox.append(msg(Priority.TELEMETRY, "ok"));

        outbox.quarantine(bad, "PUBACK reason code 0x99");

        assertThat(all()).extracting(StoredMessage::id).containsExactly(good);
        settle(outbox);
        OutboxStats s = outbox.stats();
        assertThat(s.pending()).isEqualTo(1);
        assertThat(s.pendingBytes()).isEqualTo(2);
        assertThat(s.quarantined()).isEqualTo(1);
        assertThat(s.quarantinedBytes()).isEqualTo(3);
    }

    /** GIVEN failed attempts THEN they are counted and the message keeps its place. */
    @Test
    void attemptFailedCountsAndKeepsThePlace() throws Exception {
        long first = outbox.append(msg(Priority.ALARM, "first"));
        outbox.append(msg(Priority.ALARM, "second"));

        outbox.attemptFailed(first);
        outbox.attemptFailed(first);
        settle(outbox);

        StoredMessage head = all().get(0);
        assertThat(head.id()).isEqualTo(first);
        assertThat(head.attempts()).isEqualTo(2);
    }

    /** GIVEN ids that are not pending WHEN acknowledged, quarantined or failed THEN nothing changes. */
    @Test
    void unknownIdsChangeNothing() throws Exception {
        long id = outbox.append(msg(Priority.EVENT, "e"));
        outbox.acknowledge(id);
        settle(outbox);

        outbox.acknowledge(id);
        outbox.quarantine(id, "late");
        outbox.quarantine(id + 1000, "never appended");
        outbox.attemptFailed(id + 1000);
        settle(outbox);

        assertThat(outbox.stats().pending()).isZero();
        assertThat(outbox.stats().quarantined()).isZero();
        assertThat(all()).isEmpty();
    }

    /** GIVEN acknowledged messages THEN later appends get higher ids (an uplink may still hold an old id). */
    @Test
    void idsAreNeverReused() throws Exception {
        long a = outbox.append(msg(Priority.ALARM, "a"));
        long b = outbox.append(msg(Priority.ALARM, "b"));
        outbox.acknowledge(b);
        outbox.acknowledge(a);
        settle(outbox);

        long c = outbox.append(msg(Priority.ALARM, "c"));

        assertThat(c).isGreaterThan(b);
    }

    /**
     * GIVEN an append listener WHEN a message is appended THEN the listener runs once it can be read (so an
     * uplink woken by it finds the message), and not at all after removeAppendListener.
     */
    @Test
    void appendListenerSeesTheMessageAndCanBeRemoved() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Runnable listener = () -> {
            try {
                seen.addAndGet(outbox.nextBatch(10, Set.of()).size());
            } catch (OutboxException e) {
                throw new IllegalStateException(e);
            }
        };
        outbox.onAppend(listener);

        outbox.append(msg(Priority.ALARM, "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() >= 1);
        outbox.removeAppendListener(listener);
        int before = seen.get();
        outbox.append(msg(Priority.ALARM, "b"));

        assertThat(seen.get()).isEqualTo(before);
    }
}
