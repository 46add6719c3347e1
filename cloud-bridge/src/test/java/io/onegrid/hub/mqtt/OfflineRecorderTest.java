package io.onegrid.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.MutableClock;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.ingest.IngestBatcher;
import io.onegrid.hub.mqtt.OfflineRecorder.Outcome;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.StoreException;
import io.onegrid.hub.store.StoreOp;
import io.onegrid.hub.store.TestStores;
import io.onegrid.profile.Backoff;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing a gateway's offline state over a real SQLite store and the real group-commit writer; the store fails
 * on demand and retries are scheduled by hand or at once, never by waiting for time to pass.
 */
class OfflineRecorderTest {
    private static final String GW = "gw-1";
    private static final StoreOp OFFLINE = new StoreOp.Disconnected(GW, "connection lost");

    @TempDir
    Path dir;
    private JdbcHubStore real;
    private IngestBatcher batcher;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger applies = new AtomicInteger();
    private volatile boolean refuseForGood;
    private final AtomicBoolean sessionLive = new AtomicBoolean();
    private final Queue<Long> delays = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> scheduled = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void open() {
        real = TestStores.sqlite(dir.resolve("hub.db"), new MutableClock(Instant.EPOCH));
        real.putGatewaySecret(GW, "h");
        real.apply(List.of(new StoreOp.Ingest(Envelopes.birth(GW, "boot-1"))));
        HubStore flaky = (HubStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HubStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("apply")) {
                        applies.incrementAndGet();
                        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            throw new StoreException("simulated: database is locked");
                        }
                        if (refuseForGood) {
                            return ((List<?>) args[0]).stream().map(op -> IngestResult.unprocessable("constraint")).toList();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        batcher = new IngestBatcher(flaky, Duration.ZERO, 10);
    }

    @AfterEach
    void close() {
        batcher.close();
        real.close();
    }

    private boolean online() {
        return real.gateway(GW, Scope.ALL).orElseThrow().online();
    }

    /** A recorder whose retries run at once (delays only recorded) or wait in {@link #scheduled} to be run by hand. */
    private OfflineRecorder recorder(boolean retryAtOnce) {
        OfflineRecorder.SessionGuard guard = (gw, submit) -> {
            if (sessionLive.get()) return false;
            submit.run();
            return true;
        };
        OfflineRecorder.Timer timer = (delay, task) -> {
            delays.add(delay);
            if (retryAtOnce) CompletableFuture.runAsync(task);
            else scheduled.add(task);
        };
        return new OfflineRecorder(batcher, guard, timer, () -> new Backoff(new Random(7)).retries(100, 400, OfflineRecorder.JITTER));
    }

    private static Outcome outcome(java.util.concurrent.CompletionStage<Outcome> s) throws Exception {
        return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Verifies that a transient storage failure no longer leaves the gateway online: GIVEN a store that fails the
     * first 3 writes WHEN the connection end is recorded THEN it is retried with growing backoff until stored.
     */
    @Test
    void failedWritesAreRetriedUntilTheGatewayIsOffline() throws Exception {
        failuresLeft.set(3);
        assertThat(online()).isTrue();

        Outcome o = outcome(recorder(true).record(OFFLINE));

        assertThat(o).isEqualTo(Outcome.RECORDED);
        assertThat(online()).isFalse();
        assertThat(applies.get()).isEqualTo(4);
        assertThat(delays).hasSize(3).allSatisfy(d -> assertThat(d).isBetween(50L, 400L));
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(100L);
    }

    /** Verifies that a write the store refuses for good is not retried: GIVEN an unprocessable write THEN given up at once. */
    @Test
    void writeRefusedForGoodIsNotRetried() throws Exception {
        refuseForGood = true;

        Outcome o = outcome(recorder(true).record(OFFLINE));

        assertThat(o).isEqualTo(Outcome.REFUSED);
        assertThat(applies.get()).isEqualTo(1);
        assertThat(delays).isEmpty();
    }

    /**
     * Verifies that a reconnected gateway is not set offline by its old connection's retry: GIVEN a failed write
     * and a retry pending WHEN the gateway has a new session before the retry runs THEN nothing more is written.
     */
    @Test
    void newerSessionEndsTheRetries() throws Exception {
        failuresLeft.set(1);
        var stage = recorder(false).record(OFFLINE);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled.size() == 1);

        sessionLive.set(true);
        scheduled.poll().run();

        assertThat(outcome(stage)).isEqualTo(Outcome.SUPERSEDED);
        assertThat(applies.get()).isEqualTo(1);
        assertThat(online()).isTrue();
    }

    /** Verifies that retries end with the hub: GIVEN a failed write and a retry pending WHEN the writer closes THEN stopped. */
    @Test
    void stoppingHubEndsTheRetries() throws Exception {
        failuresLeft.set(1);
        var stage = recorder(false).record(OFFLINE);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled.size() == 1);

        batcher.close();
        scheduled.poll().run();

        assertThat(outcome(stage)).isEqualTo(Outcome.STOPPED);
        assertThat(applies.get()).isEqualTo(1);
    }
}
