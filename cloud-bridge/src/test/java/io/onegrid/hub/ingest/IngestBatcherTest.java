package io.onegrid.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.MutableClock;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.TestStores;
import io.onegrid.hub.store.StoreOp;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit over a real SQLite store; batch boundaries are forced with a latch, never with timing. */
class IngestBatcherTest {
    @TempDir
    Path dir;
    private JdbcHubStore real;
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private volatile boolean fail;
    private HubStore store;

    @BeforeEach
    void open() {
        real = TestStores.sqlite(dir.resolve("hub.db"), new MutableClock(Instant.EPOCH));
        real.putGatewaySecret("gw-1", "h");
        // a store that records batch sizes, holds the first batch, and can fail
        store = (HubStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HubStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("apply")) {
                        List<?> batch = (List<?>) args[0];
                        batchSizes.add(batch.size());
                        if (batchSizes.size() == 1) {
                            firstEntered.countDown();
                            releaseFirst.await(10, TimeUnit.SECONDS);
                        }
                        if (fail) throw new io.onegrid.hub.store.StoreException("disk full");
                    }
                    return method.invoke(real, args);
                });
    }

    @AfterEach
    void close() {
        real.close();
    }

    /** Verifies that messages queued while a commit runs are committed together in the next transaction. */
    @Test
    void queuedMessagesShareOneTransaction() throws Exception {
        try (IngestBatcher batcher = new IngestBatcher(store, Duration.ZERO, 500)) {
            List<IngestResult> results = new CopyOnWriteArrayList<>();
            // GIVEN a first message whose commit is held
            batcher.submit(new StoreOp.Ingest(Envelopes.telemetry("gw-1", 0)), results::add);
            firstEntered.await();
            // WHEN ten more arrive meanwhile
            for (int i = 1; i <= 10; i++) {
                batcher.submit(new StoreOp.Ingest(Envelopes.telemetry("gw-1", i)), results::add);
            }
            releaseFirst.countDown();
            // THEN they are committed as one batch and each is reported stored
            await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 11);
            assertThat(batchSizes).containsExactly(1, 10);
            assertThat(results).containsOnly(IngestResult.STORED);
            assertThat(real.stats().messages()).isEqualTo(11);
        }
    }

    /** Verifies that a failed commit reports every message of the batch as failed and stores none. */
    @Test
    void failedCommitFailsWholeBatch() throws Exception {
        fail = true;
        releaseFirst.countDown();
        try (IngestBatcher batcher = new IngestBatcher(store, Duration.ZERO, 500)) {
            List<IngestResult> results = new CopyOnWriteArrayList<>();
            batcher.submit(new StoreOp.Ingest(Envelopes.telemetry("gw-1", 1)), results::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
            assertThat(results.get(0).acknowledged()).isFalse();
            assertThat(real.stats().messages()).isZero();
        }
    }

    /** Verifies that housekeeping runs on the writer thread, step after step while it reports more to do. */
    @Test
    void maintenanceStepsRunOnWriterThread() throws Exception {
        releaseFirst.countDown();
        List<String> threads = new CopyOnWriteArrayList<>();
        // GIVEN housekeeping with three steps of work, then done
        java.util.function.BooleanSupplier step = () -> {
            threads.add(Thread.currentThread().getName());
            return threads.size() < 3;
        };
        try (IngestBatcher batcher = new IngestBatcher(store, Duration.ZERO, 500, step, Duration.ofHours(1))) {
            // WHEN messages arrive meanwhile
            List<IngestResult> results = new CopyOnWriteArrayList<>();
            batcher.submit(new StoreOp.Ingest(Envelopes.telemetry("gw-1", 1)), results::add);
            // THEN all three steps ran on the writer, and ingest went on
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 3 && results.size() == 1);
            assertThat(threads).containsOnly("hub-ingest-writer");
            assertThat(results).containsExactly(IngestResult.STORED);
        }
    }

    /** Verifies that after close, submissions are refused at once (the gateway retries elsewhere or later). */
    @Test
    void closedBatcherRefuses() {
        releaseFirst.countDown();
        IngestBatcher batcher = new IngestBatcher(store, Duration.ZERO, 500);
        batcher.close();
        List<IngestResult> results = new CopyOnWriteArrayList<>();
        batcher.submit(new StoreOp.Ingest(Envelopes.telemetry("gw-1", 1)), results::add);
        assertThat(results).singleElement().satisfies(r -> assertThat(r.acknowledged()).isFalse());
    }
}
