package io.onegrid.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.MutableClock;
import io.onegrid.hub.config.Retention;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.TestStores;
import io.onegrid.hub.store.StoreOp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on a real SQLite store with an injected clock. */
class RetentionPrunerTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    private JdbcHubStore store;
    private RetentionPruner pruner;

    @BeforeEach
    void open() {
        store = TestStores.sqlite(dir.resolve("hub.db"), clock);
        store.putGatewaySecret("gw-1", "h");
        pruner = new RetentionPruner(store, new Retention(Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(7)), clock, 2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private int stepsUntilDone() {
        int steps = 1;
        while (pruner.step()) steps++;
        return steps;
    }

    /** Verifies that telemetry goes after its retention, dedup keys only after theirs, in small steps. */
    @Test
    void prunesEachTableAfterItsRetention() {
        // GIVEN three telemetry messages (six readings, three dedup keys) received now
        for (int i = 1; i <= 3; i++) store.apply(List.of(new StoreOp.Ingest(Envelopes.telemetry("gw-1", i))));
        // WHEN 13 days pass
        clock.advance(Duration.ofDays(13));
        // THEN nothing is due
        assertThat(pruner.step()).isFalse();
        assertThat(store.stats().telemetry()).isEqualTo(6);
        // WHEN 15 days have passed
        clock.advance(Duration.ofDays(2));
        // THEN the telemetry goes, two rows per step, and the dedup keys stay: a re-send is still a duplicate
        assertThat(stepsUntilDone()).isEqualTo(4); // 2 + 2 + 2 rows, then an empty step says "done"
        assertThat(store.stats().telemetry()).isZero();
        assertThat(store.stats().messages()).isEqualTo(3);
        assertThat(store.apply(List.of(new StoreOp.Ingest(Envelopes.telemetry("gw-1", 1)))))
                .containsExactly(IngestResult.DUPLICATE);
        // WHEN 31 days have passed
        clock.advance(Duration.ofDays(16));
        stepsUntilDone();
        // THEN the dedup keys are gone too
        assertThat(store.stats().messages()).isZero();
    }
}
