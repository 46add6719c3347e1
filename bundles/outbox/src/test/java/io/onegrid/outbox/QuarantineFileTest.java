package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.alarm;
import static io.onegrid.outbox.TestMessages.telemetry;
import static io.onegrid.outbox.TestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import io.onegrid.api.StoredMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing, replaying and dropping quarantined messages on the file, beside a running outbox. */
class QuarantineFileTest {
    @TempDir
    Path dir;
    private SqliteOutbox outbox;

    private Path file() {
        return dir.resolve("outbox.db");
    }

    private SqliteOutbox open() throws OutboxException {
        outbox = SqliteOutbox.open(OutboxSettings.of(file()).withCommitIntervalMs(0), FIXED_CLOCK);
        return outbox;
    }

    @AfterEach
    void close() {
        if (outbox != null) outbox.close();
    }

    /**
     * GIVEN a running outbox with a quarantined alarm (sent 3 times) behind a younger pending alarm WHEN the
     * alarm is replayed through the file THEN it is pending again in its old place (before the younger alarm)
     * with attempts 0, the running outbox's stats follow, and its append listeners are told.
     */
    @Test
    void replayPutsTheMessageBackInItsPlaceWhileTheOutboxRuns() throws Exception {
        SqliteOutbox o = open();
        long old = o.append(alarm("old"));
        for (int i = 0; i < 3; i++) o.attemptFailed(old);
        o.quarantine(old, "PUBACK reason code 0x99");
        long young = o.append(alarm("young"));
        o.append(telemetry("t"));
        o.flush();
        AtomicInteger woken = new AtomicInteger();
        o.onAppend(woken::incrementAndGet);

        QuarantineFile.Outcome outcome;
        try (QuarantineFile q = QuarantineFile.open(file())) {
            assertThat(q.list()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(old);
                assertThat(e.priority()).isEqualTo(Priority.ALARM);
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.bytes()).isEqualTo(3);
                assertThat(e.reason()).isEqualTo("PUBACK reason code 0x99");
            });
            outcome = q.replay(List.of(old));
            assertThat(q.list()).isEmpty();
        }

        assertThat(outcome.done()).containsExactly(old);
        List<StoredMessage> batch = o.nextBatch(10, Set.of());
        assertThat(batch).extracting(StoredMessage::id).startsWith(old, young);
        assertThat(batch.get(0).attempts()).isZero();
        assertThat(text(batch.get(0).payload())).isEqualTo("old");
        await().atMost(Duration.ofSeconds(20)).until(() -> o.stats().quarantined() == 0 && o.stats().pending() == 3);
        assertThat(o.stats().pendingBytes()).isEqualTo(9);
        await().atMost(Duration.ofSeconds(20)).until(() -> woken.get() > 0);
    }

    /**
     * GIVEN a running outbox that keeps appending WHEN a replay commits beside it THEN its own writes still
     * commit and its counters agree with the file afterwards (the recount happens in the writer's transaction).
     */
    @Test
    void replayBesideAnActiveWriterKeepsCountersRight() throws Exception {
        SqliteOutbox o = open();
        long q1 = o.append(alarm("q1"));
        o.quarantine(q1, "0x99");
        o.flush();

        for (int i = 0; i < 20; i++) o.append(telemetry("before" + i));
        try (QuarantineFile q = QuarantineFile.open(file())) {
            assertThat(q.replay(List.of(q1)).done()).containsExactly(q1);
        }
        for (int i = 0; i < 20; i++) o.append(telemetry("after" + i));

        assertThat(o.stats().pending()).isEqualTo(41);
        assertThat(o.stats().quarantined()).isZero();
        o.acknowledge(q1);
        o.flush();
        assertThat(o.stats().pending()).isEqualTo(40);
    }

    /**
     * GIVEN two quarantined messages WHEN a replay names one of them and an id that is not quarantined THEN
     * nothing changes and the unknown id is reported; a drop of the other deletes it for good.
     */
    @Test
    void unknownIdChangesNothingAndDropDeletes() throws Exception {
        SqliteOutbox o = open();
        long a = o.append(alarm("a"));
        long b = o.append(alarm("b"));
        o.quarantine(a, "0x99");
        o.quarantine(b, "0x87");
        o.flush();

        try (QuarantineFile q = QuarantineFile.open(file())) {
            QuarantineFile.Outcome none = q.replay(List.of(a, 999L));
            assertThat(none.done()).isEmpty();
            assertThat(none.unknown()).containsExactly(999L);
            assertThat(q.list()).hasSize(2);

            assertThat(q.drop(List.of(b)).done()).containsExactly(b);
            assertThat(q.list()).extracting(QuarantineFile.Entry::id).containsExactly(a);
            assertThat(q.dropAll().done()).containsExactly(a);
        }
        assertThat(o.nextBatch(10, Set.of())).isEmpty();
    }

    /** GIVEN no file at the path WHEN it is opened for the quarantine THEN it fails and creates nothing. */
    @Test
    void missingFileIsRefusedNotCreated() {
        assertThatThrownBy(() -> QuarantineFile.open(file())).isInstanceOf(OutboxException.class)
                .hasMessageContaining("no outbox file");
        assertThat(file()).doesNotExist();
    }
}
