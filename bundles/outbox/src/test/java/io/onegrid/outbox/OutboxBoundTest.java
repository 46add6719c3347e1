package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.sized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import io.onegrid.api.StoredMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte bound drops the oldest telemetry first and never an alarm; a full disk loses nothing committed. */
class OutboxBoundTest {
    @TempDir
    Path dir;
    private SqliteOutbox outbox;

    private SqliteOutbox open(long maxBytes) throws OutboxException {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withMaxBytes(maxBytes)
                .withCommitIntervalMs(0), FIXED_CLOCK);
        return outbox;
    }

    @AfterEach
    void close() {
        if (outbox != null) outbox.close();
    }

    /** Over the bound, the oldest telemetry goes first, is counted, and alarms and events stay. */
    @Test
    void overTheBoundDropsOldestTelemetryFirst() throws Exception {
        SqliteOutbox o = open(1000);
        List<Long> telemetry = new ArrayList<>();
        for (int i = 0; i < 3; i++) o.append(sized(Priority.ALARM, 100));
        o.append(sized(Priority.EVENT, 100));
        for (int i = 0; i < 6; i++) telemetry.add(o.append(sized(Priority.TELEMETRY, 100)));

        for (int i = 0; i < 3; i++) telemetry.add(o.append(sized(Priority.TELEMETRY, 100)));

        assertThat(o.stats().pendingBytes()).isLessThanOrEqualTo(1000);
        assertThat(o.stats().droppedTelemetry()).isEqualTo(3);
        List<StoredMessage> left = o.nextBatch(100, Set.of());
        assertThat(left).filteredOn(m -> m.priority() == Priority.ALARM).hasSize(3);
        assertThat(left).filteredOn(m -> m.priority() == Priority.EVENT).hasSize(1);
        assertThat(left).filteredOn(m -> m.priority() == Priority.TELEMETRY).extracting(StoredMessage::id)
                .containsExactlyElementsOf(telemetry.subList(3, 9));
    }

    /** With only alarms left, the bound is exceeded rather than an alarm dropped, and it is reported. */
    @Test
    void alarmsAreNeverDropped() throws Exception {
        SqliteOutbox o = open(300);
        o.append(sized(Priority.TELEMETRY, 100));

        for (int i = 0; i < 5; i++) o.append(sized(Priority.ALARM, 100));

        assertThat(o.nextBatch(100, Set.of())).hasSize(5).allMatch(m -> m.priority() == Priority.ALARM);
        assertThat(o.stats().pendingBytes()).isEqualTo(500);
        assertThat(o.stats().droppedTelemetry()).isEqualTo(1);
        assertThat(o.overBound()).isTrue();
    }

    /** The dropped-telemetry count is stored in the file, so a restart does not hide past losses. */
    @Test
    void droppedCountSurvivesReopen() throws Exception {
        SqliteOutbox o = open(200);
        for (int i = 0; i < 5; i++) o.append(sized(Priority.TELEMETRY, 100));
        o.close();

        assertThat(open(200).stats().droppedTelemetry()).isEqualTo(3);
    }

    /** A live lower bound applies at the next commit. */
    @Test
    void reconfiguredBoundAppliesAtNextCommit() throws Exception {
        SqliteOutbox o = open(10_000);
        for (int i = 0; i < 5; i++) o.append(sized(Priority.TELEMETRY, 100));

        o.reconfigure(250, 0);
        o.append(sized(Priority.EVENT, 50));

        assertThat(o.stats().pendingBytes()).isLessThanOrEqualTo(250);
        assertThat(o.stats().droppedTelemetry()).isEqualTo(3);
    }

    /** SQLITE_FULL surfaces as FULL; every append that returned before is still there after a reopen. */
    @Test
    void fullDiskFailsWithFullAndLosesNothingCommitted() throws Exception {
        SqliteOutbox o = open(Long.MAX_VALUE);
        o.append(sized(Priority.ALARM, 10));
        o.limitPages(pageCount() + 4);
        List<Long> committed = new ArrayList<>();
        OutboxException full = null;
        for (int i = 0; i < 100 && full == null; i++) {
            try {
                committed.add(o.append(sized(Priority.TELEMETRY, 3000)));
            } catch (OutboxException e) {
                full = e;
            }
        }

        assertThat(full).isNotNull();
        assertThat(full.code()).isEqualTo(OutboxException.Code.FULL);
        assertThatThrownBy(() -> o.append(sized(Priority.ALARM, 20_000))).isInstanceOfSatisfying(OutboxException.class,
                e -> assertThat(e.code()).isEqualTo(OutboxException.Code.FULL));
        o.close();
        SqliteOutbox reopened = open(Long.MAX_VALUE);
        assertThat(reopened.nextBatch(1000, Set.of())).extracting(StoredMessage::id).containsAll(committed)
                .hasSize(committed.size() + 1);
    }

    private long pageCount() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             var s = c.createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
