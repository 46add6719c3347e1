package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.alarm;
import static io.onegrid.outbox.TestMessages.sized;
import static io.onegrid.outbox.TestMessages.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarm state and its message are written together, or not at all. */
class AlarmStateStoreTest {
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

    /** A raise records the active alarm and queues its message; both survive a restart. */
    @Test
    void raiseRecordsStateAndMessage() throws Exception {
        SqliteOutbox o = open();

        o.record(transition("al-1", true), alarm("raise al-1"));
        o.close();
        SqliteOutbox reopened = open();

        assertThat(reopened.active()).containsExactly(
                new ActiveAlarm("al-1", "smoke-302", "smoke", 1_000L, 10L, "CRITICAL"));
        assertThat(reopened.nextBatch(10, Set.of())).singleElement()
                .satisfies(m -> assertThat(m.priority()).isEqualTo(Priority.ALARM));
    }

    /** A clear removes the active alarm and queues the clear message after the raise. */
    @Test
    void clearRemovesStateAndQueuesMessage() throws Exception {
        SqliteOutbox o = open();
        o.record(transition("al-1", true), alarm("raise"));

        o.record(transition("al-1", false), alarm("clear"));

        assertThat(o.active()).isEmpty();
        assertThat(o.nextBatch(10, Set.of())).extracting(m -> TestMessages.text(m.payload()))
                .containsExactly("raise", "clear");
    }

    /** When the message cannot be stored (disk full), the alarm state does not change either. */
    @Test
    void failedMessageLeavesStateUnchanged() throws Exception {
        SqliteOutbox o = open();
        o.record(transition("al-1", true), alarm("raise 1"));
        o.limitPages(pageCountOf(o) + 1);

        assertThatThrownBy(() -> o.record(transition("al-2", true), sized(Priority.ALARM, 50_000)))
                .isInstanceOfSatisfying(OutboxException.class,
                        e -> assertThat(e.code()).isEqualTo(OutboxException.Code.FULL));
        assertThatThrownBy(() -> o.record(transition("al-1", false), sized(Priority.ALARM, 50_000)))
                .isInstanceOf(OutboxException.class);

        assertThat(o.active()).extracting(ActiveAlarm::alarmId).containsExactly("al-1");
        assertThat(o.nextBatch(10, Set.of())).hasSize(1);
    }

    private long pageCountOf(SqliteOutbox o) throws Exception {
        o.flush();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             var s = c.createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
