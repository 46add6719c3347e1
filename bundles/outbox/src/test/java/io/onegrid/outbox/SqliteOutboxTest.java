package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.alarm;
import static io.onegrid.outbox.TestMessages.event;
import static io.onegrid.outbox.TestMessages.telemetry;
import static io.onegrid.outbox.TestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import io.onegrid.api.StoredMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Message life of the SQLite outbox, transition by transition, on a real file. */
class SqliteOutboxTest {
    @TempDir
    Path dir;
    private SqliteOutbox outbox;

    private SqliteOutbox open() throws OutboxException {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0), FIXED_CLOCK);
        return outbox;
    }

    @AfterEach
    void close() {
        if (outbox != null) outbox.close();
    }

    private static List<String> texts(List<StoredMessage> batch) {
        return batch.stream().map(m -> text(m.payload())).toList();
    }

    /** Alarms leave before events and events before telemetry; within a priority the oldest leaves first. */
    @Test
    void nextBatchOrdersByPriorityThenAge() throws Exception {
        SqliteOutbox o = open();
        o.append(telemetry("t1"));
        o.append(event("e1"));
        o.append(alarm("a1"));
        o.append(telemetry("t2"));
        o.append(alarm("a2"));

        List<StoredMessage> batch = o.nextBatch(10, Set.of());

        assertThat(texts(batch)).containsExactly("a1", "a2", "e1", "t1", "t2");
        assertThat(batch.get(0).kind()).isEqualTo("alarm");
        assertThat(batch.get(0).enqueuedWallMs()).isEqualTo(FIXED_CLOCK.wallMs());
        assertThat(o.nextBatch(2, Set.of())).hasSize(2);
    }

    /** APPENDED → IN_FLIGHT: ids the uplink holds are skipped, the next ones in order are offered. */
    @Test
    void excludeIdsSkipsWhatIsInFlight() throws Exception {
        SqliteOutbox o = open();
        long a = o.append(alarm("a"));
        o.append(event("e"));
        o.append(telemetry("t"));

        List<StoredMessage> batch = o.nextBatch(2, Set.of(a));

        assertThat(texts(batch)).containsExactly("e", "t");
    }

    /** IN_FLIGHT → ACKED: the row is gone at once for nextBatch, and on disk after the commit. */
    @Test
    void acknowledgeDeletes() throws Exception {
        SqliteOutbox o = open();
        long a = o.append(alarm("a"));
        o.append(telemetry("t"));

        o.acknowledge(a);

        assertThat(texts(o.nextBatch(10, Set.of()))).containsExactly("t");
        o.flush();
        assertThat(o.stats()).isEqualTo(new OutboxStats(1, 1, 0, 0).withOldestPendingWallMs(FIXED_CLOCK.wallMs()));
        o.close();
        assertThat(texts(open().nextBatch(10, Set.of()))).containsExactly("t");
    }

    /** IN_FLIGHT → PENDING: a failed attempt is counted and the message keeps its place in the order. */
    @Test
    void attemptFailedKeepsTheMessagePending() throws Exception {
        SqliteOutbox o = open();
        long a = o.append(alarm("a"));
        o.append(alarm("b"));

        o.attemptFailed(a);
        o.attemptFailed(a);
        o.flush();

        List<StoredMessage> batch = o.nextBatch(10, Set.of());
        assertThat(texts(batch)).containsExactly("a", "b");
        assertThat(batch.get(0).attempts()).isEqualTo(2);
        assertThat(batch.get(1).attempts()).isZero();
    }

    /** IN_FLIGHT → QUARANTINED: the message moves aside with its reason and is never offered again. */
    @Test
    void quarantineMovesAsideForGood() throws Exception {
        SqliteOutbox o = open();
        long bad = o.append(event("bad"));
        o.append(event("good"));

        o.quarantine(bad, "PUBACK 0x99 payload format invalid");

        assertThat(texts(o.nextBatch(10, Set.of()))).containsExactly("good");
        o.flush();
        assertThat(o.stats().quarantined()).isEqualTo(1);
        assertThat(o.stats().pending()).isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, reason, kind FROM quarantine")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(bad);
            assertThat(rs.getString(2)).isEqualTo("PUBACK 0x99 payload format invalid");
            assertThat(rs.getString(3)).isEqualTo("event");
        }
        o.close();
        assertThat(texts(open().nextBatch(10, Set.of()))).containsExactly("good");
        assertThat(outbox.stats().quarantined()).isEqualTo(1);
    }

    /** Stats count pending rows and payload bytes, and survive a reopen. */
    @Test
    void statsCountPendingAndBytes() throws Exception {
        SqliteOutbox o = open();
        o.append(alarm("12345"));
        o.append(telemetry("123"));

        OutboxStats expected = new OutboxStats(2, 8, 0, 0).withOldestPendingWallMs(FIXED_CLOCK.wallMs());
        assertThat(o.stats()).isEqualTo(expected);
        o.close();
        assertThat(open().stats()).isEqualTo(expected);
    }

    /**
     * GIVEN a message stored, then another 5 s later by the wall clock WHEN the first is acknowledged, then the
     * second THEN the oldest pending time is the first's, then the second's, then none: the backlog's age follows
     * the message that has waited longest, whatever its priority.
     */
    @Test
    void oldestPendingFollowsTheFirstStored() throws Exception {
        long[] wall = {1_800_000_000_000L};
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0),
                new io.onegrid.api.GatewayClock() {
                    @Override public long wallMs() { return wall[0]; }
                    @Override public long monoMs() { return 1; }
                });
        long first = outbox.append(telemetry("t"));
        wall[0] += 5_000;
        long second = outbox.append(alarm("a"));

        assertThat(outbox.stats().oldestPendingWallMs()).isEqualTo(1_800_000_000_000L);
        outbox.acknowledge(first);
        outbox.flush();
        assertThat(outbox.stats().oldestPendingWallMs()).isEqualTo(1_800_000_005_000L);
        outbox.acknowledge(second);
        outbox.flush();
        assertThat(outbox.stats().oldestPendingWallMs()).isNull();
    }

    /** The append listener runs on the appending thread once the row is committed. */
    @Test
    void onAppendRunsAfterCommitOnTheAppendingThread() throws Exception {
        SqliteOutbox o = open();
        AtomicReference<Thread> seen = new AtomicReference<>();
        AtomicReference<Long> pendingSeen = new AtomicReference<>();
        o.onAppend(() -> {
            seen.set(Thread.currentThread());
            try {
                pendingSeen.set(o.stats().pending());
            } catch (OutboxException e) {
                throw new IllegalStateException(e);
            }
        });

        o.append(telemetry("t"));

        assertThat(seen.get()).isSameAs(Thread.currentThread());
        assertThat(pendingSeen.get()).isEqualTo(1);
    }

    /**
     * GIVEN two append listeners WHEN one is removed and a message appended THEN only the other runs, so an
     * uplink that restarts on every reconfiguration does not leave its old listeners behind.
     */
    @Test
    void removedAppendListenerIsNoLongerCalled() throws Exception {
        SqliteOutbox o = open();
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger removed = new AtomicInteger();
        Runnable gone = removed::incrementAndGet;
        o.onAppend(kept::incrementAndGet);
        o.onAppend(gone);

        o.removeAppendListener(gone);
        o.append(telemetry("t"));

        assertThat(kept.get()).isEqualTo(1);
        assertThat(removed.get()).isZero();
    }

    /** A file that is not an SQLite database is refused with CORRUPT and left untouched. */
    @Test
    void corruptFileIsRefused() throws Exception {
        Path file = dir.resolve("outbox.db");
        Files.writeString(file, "this is not a database, it is a shopping list ".repeat(100));

        assertThatThrownBy(() -> SqliteOutbox.open(OutboxSettings.of(file), FIXED_CLOCK))
                .isInstanceOfSatisfying(OutboxException.class,
                        e -> assertThat(e.code()).isEqualTo(OutboxException.Code.CORRUPT));
        assertThat(Files.readString(file)).startsWith("this is not a database");
    }

    /** After close every call fails with CLOSED instead of hanging. */
    @Test
    void closedOutboxRefusesWork() throws Exception {
        SqliteOutbox o = open();
        o.close();

        assertThatThrownBy(() -> o.append(alarm("a"))).isInstanceOfSatisfying(OutboxException.class,
                e -> assertThat(e.code()).isEqualTo(OutboxException.Code.CLOSED));
        assertThatThrownBy(() -> o.nextBatch(1, Set.of())).isInstanceOf(OutboxException.class);
    }

    /** A message without kind or payload is rejected with a sentence, nothing stored. */
    @Test
    void badMessageIsRejected() throws Exception {
        SqliteOutbox o = open();

        assertThatThrownBy(() -> o.append(new io.onegrid.api.OutboundMessage(io.onegrid.api.Priority.EVENT, " ", new byte[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        assertThat(o.stats().pending()).isZero();
    }
}
