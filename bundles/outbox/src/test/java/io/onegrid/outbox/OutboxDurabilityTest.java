package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.alarm;
import static io.onegrid.outbox.TestMessages.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What append returned is on disk even if the outbox is never closed, and the settings that make it so. */
class OutboxDurabilityTest {
    @TempDir
    Path dir;

    /**
     * GIVEN a real opened outbox WHEN its own connections are asked for their pragmas THEN both use the WAL
     * journal and synchronous=FULL (2). A SIGKILL test cannot notice a missing fsync (the page cache survives a
     * killed process, not a power cut), and synchronous is per connection, so it is read from the outbox's own.
     */
    @Test
    void usesWalAndSynchronousFull() throws Exception {
        try (SqliteOutbox o = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")), FIXED_CLOCK)) {
            assertThat(o.pragma("journal_mode")).containsExactly("wal", "wal");
            assertThat(o.pragma("synchronous")).containsExactly("2", "2");
        }
    }

    /** An outbox abandoned without close (its connections left open) still shows every committed row to a new one. */
    @Test
    void abandonedOutboxKeepsCommittedRows() throws Exception {
        OutboxSettings settings = OutboxSettings.of(dir.resolve("outbox.db"));
        SqliteOutbox abandoned = SqliteOutbox.open(settings, FIXED_CLOCK);
        long a = abandoned.append(alarm("a"));
        long t = abandoned.append(telemetry("t"));

        try (SqliteOutbox reopened = SqliteOutbox.open(settings, FIXED_CLOCK)) {
            List<StoredMessage> batch = reopened.nextBatch(10, Set.of());
            assertThat(batch).extracting(StoredMessage::id).containsExactly(a, t);
            assertThat(reopened.stats().pending()).isEqualTo(2);
        }
        abandoned.close();
    }
}
