package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.sized;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine's byte bound: non-alarms evicted oldest first, then alarms, every eviction counted. */
class QuarantineBoundTest {
    @TempDir
    Path dir;
    private SqliteOutbox outbox;

    private SqliteOutbox open(long quarantineMaxBytes) throws OutboxException {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0)
                .withQuarantineMaxBytes(quarantineMaxBytes), FIXED_CLOCK);
        return outbox;
    }

    @AfterEach
    void close() {
        if (outbox != null) outbox.close();
    }

    private long quarantined(SqliteOutbox o, Priority p, int bytes) throws Exception {
        long id = o.append(sized(p, bytes));
        o.quarantine(id, "PUBACK reason code 0x99");
        o.flush();
        return id;
    }

    private List<Long> quarantineIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (QuarantineFile q = QuarantineFile.open(dir.resolve("outbox.db"))) {
            q.list().forEach(e -> ids.add(e.id()));
        }
        return ids;
    }

    /**
     * GIVEN a quarantine bound of 500 bytes holding two alarms and three telemetry rows of 100 bytes WHEN two
     * more rows are set aside THEN the two oldest telemetry rows are evicted, counted, and both alarms stay.
     */
    @Test
    void evictsOldestNonAlarmsFirst() throws Exception {
        SqliteOutbox o = open(500);
        long a1 = quarantined(o, Priority.ALARM, 100);
        long t1 = quarantined(o, Priority.TELEMETRY, 100);
        long t2 = quarantined(o, Priority.TELEMETRY, 100);
        long a2 = quarantined(o, Priority.ALARM, 100);
        long t3 = quarantined(o, Priority.TELEMETRY, 100);

        long e1 = quarantined(o, Priority.EVENT, 100);
        long a3 = quarantined(o, Priority.ALARM, 100);

        assertThat(quarantineIds()).containsExactly(a1, a2, t3, e1, a3);
        assertThat(o.stats().quarantined()).isEqualTo(5);
        assertThat(o.stats().quarantinedBytes()).isEqualTo(500);
        assertThat(o.stats().quarantineEvicted()).isEqualTo(2);
        assertThat(quarantineIds()).doesNotContain(t1, t2);
    }

    /**
     * GIVEN a quarantine holding only alarms at its bound WHEN another alarm is set aside THEN the oldest alarm
     * is evicted (the bound holds even for alarms), and the count survives a reopen.
     */
    @Test
    void evictsOldestAlarmWhenOnlyAlarmsAreLeft() throws Exception {
        SqliteOutbox o = open(200);
        long a1 = quarantined(o, Priority.ALARM, 100);
        long a2 = quarantined(o, Priority.ALARM, 100);

        long a3 = quarantined(o, Priority.ALARM, 100);

        assertThat(quarantineIds()).containsExactly(a2, a3);
        o.close();
        try (SqliteOutbox reopened = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")), FIXED_CLOCK)) {
            assertThat(reopened.stats().quarantineEvicted()).isEqualTo(1);
            assertThat(reopened.stats().quarantinedBytes()).isEqualTo(200);
        }
        assertThat(quarantineIds()).doesNotContain(a1);
    }

    /** GIVEN a lowered bound WHEN the next commit runs THEN the quarantine is trimmed to it. */
    @Test
    void reconfiguredBoundAppliesAtNextCommit() throws Exception {
        SqliteOutbox o = open(1000);
        quarantined(o, Priority.TELEMETRY, 100);
        long kept = quarantined(o, Priority.ALARM, 100);

        o.reconfigure(OutboxSettings.DEFAULT_MAX_BYTES, 0, 100);
        o.flush();

        assertThat(quarantineIds()).containsExactly(kept);
        assertThat(o.stats().quarantineEvicted()).isEqualTo(1);
    }
}
