package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.FIXED_CLOCK;
import static io.onegrid.outbox.TestMessages.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent appends share transactions, and each returns only once its row is committed. */
class GroupCommitTest {
    @TempDir
    Path dir;

    /** Forty appenders released together within one window are written in a handful of transactions. */
    @Test
    void concurrentAppendsShareOneTransaction() throws Exception {
        int appenders = 40;
        try (SqliteOutbox o = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(300),
                FIXED_CLOCK)) {
            long before = o.commits();
            ExecutorService pool = Executors.newFixedThreadPool(appenders);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < appenders; i++) {
                String text = "t" + i;
                ids.add(pool.submit(() -> {
                    start.await();
                    long id = o.append(telemetry(text));
                    // Returned means committed: a separate connection must already see the row.
                    assertThat(visibleElsewhere(id)).isTrue();
                    return id;
                }));
            }

            start.countDown();
            for (Future<Long> f : ids) f.get();
            pool.shutdown();

            assertThat(o.stats().pending()).isEqualTo(appenders);
            assertThat(o.commits() - before).isBetween(1L, 4L);
        }
    }

    /** With a maximum batch of 5, a burst of 20 appends is split into transactions of at most 5. */
    @Test
    void maxBatchClosesTheWindowEarly() throws Exception {
        try (SqliteOutbox o = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(10_000)
                .withMaxBatch(5), FIXED_CLOCK)) {
            long before = o.commits();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(pool.submit(() -> o.append(telemetry("x"))));
            }
            for (Future<Long> f : ids) f.get();
            pool.shutdown();

            assertThat(o.commits() - before).isGreaterThanOrEqualTo(4);
        }
    }

    private boolean visibleElsewhere(long id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
