package io.onegrid.hub.mqtt;

import io.onegrid.hub.ingest.IngestBatcher;
import io.onegrid.hub.ingest.RateLimitedLog;
import io.onegrid.hub.store.IngestResult;
import io.onegrid.hub.store.StoreOp;
import io.onegrid.profile.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that a gateway's connection ended (its will's death envelope, or "disconnected"), and keeps writing
 * it with backoff while the store cannot take it. Nobody resends this for us: without the retry one failed
 * write left the gateway "online" at the hub until the health sweep called it missing.
 *
 * <p>It stops trying when retrying cannot help or is no longer wanted: the write succeeded; the store refused
 * it for good (it would fail the same way again); a newer connection of the gateway exists (that session owns
 * the gateway's state now, and a late "offline" would wrongly override its birth); or the hub is stopping.
 */
final class OfflineRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineRecorder.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** Waits drawn between half and all of the doubling ceiling: gateways that dropped in one outage spread out. */
    static final double JITTER = 0.5;

    enum Outcome { RECORDED, REFUSED, SUPERSEDED, STOPPED }

    /** Runs {@code submit} only if the gateway has no live session, atomically with a new session registering. */
    interface SessionGuard {
        boolean ifNoSession(String gatewayId, Runnable submit);
    }

    /** Runs a task later on some thread; may throw once the hub is stopping. */
    interface Timer {
        void schedule(long delayMs, Runnable task);
    }

    private final IngestBatcher batcher;
    private final SessionGuard guard;
    private final Timer timer;
    private final Supplier<Backoff.Retries> backoffs;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    OfflineRecorder(IngestBatcher batcher, SessionGuard guard, Timer timer, Supplier<Backoff.Retries> backoffs) {
        this.batcher = batcher;
        this.guard = guard;
        this.timer = timer;
        this.backoffs = backoffs;
    }

    /** Starts writing {@code op}; the stage completes when that is done or given up (never exceptionally). */
    CompletionStage<Outcome> record(StoreOp op) {
        Attempts a = new Attempts(op, backoffs.get());
        a.attempt();
        return a.done;
    }

    /** One op's attempts. They run one after another (submit, callback, timer), never two at once. */
    private final class Attempts {
        final StoreOp op;
        final Backoff.Retries backoff;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        int failures;

        Attempts(StoreOp op, Backoff.Retries backoff) {
            this.op = op;
            this.backoff = backoff;
        }

        void attempt() {
            if (!batcher.isOpen()) {
                done.complete(Outcome.STOPPED);
            } else if (!guard.ifNoSession(op.gatewayId(), () -> batcher.submit(op, this::onResult))) {
                if (failures > 0) {
                    LOG.info("gateway {} connected again; its earlier connection's end is no longer written", op.gatewayId());
                }
                done.complete(Outcome.SUPERSEDED);
            }
        }

        /** Runs on the ingest writer thread (or at once on submit): must not block. */
        void onResult(IngestResult r) {
            switch (r.status()) {
                case STORED, DUPLICATE -> {
                    if (failures > 0) {
                        LOG.info("gateway {} is recorded offline ({}) after {} failed attempts", op.gatewayId(),
                                what(), failures);
                    }
                    done.complete(Outcome.RECORDED);
                }
                case UNPROCESSABLE -> {
                    LOG.warn("cannot record that gateway {} went offline ({}), and retrying would fail the same way: {}."
                            + " The hub shows it online until the health sweep marks it missing"
                            + " (--gateway-missing-after); the store's WARN above names the error",
                            op.gatewayId(), what(), r.detail());
                    done.complete(Outcome.REFUSED);
                }
                case FAILED -> retryLater(r);
            }
        }

        private void retryLater(IngestResult r) {
            failures++;
            if (!batcher.isOpen()) {
                done.complete(Outcome.STOPPED);
                return;
            }
            long delay = backoff.next();
            warnings.warn(op.gatewayId() + "/offline", "could not record that gateway {} went offline ({}): {};"
                    + " retrying in {} ms (attempt {}). Until then the hub shows it online: check the database"
                    + " (disk space, locks, connection)", op.gatewayId(), what(), r.detail(), delay, failures + 1);
            try {
                timer.schedule(delay, this::attempt);
            } catch (RuntimeException e) {
                LOG.debug("offline state of {} not retried, hub stopping: {}", op.gatewayId(), e.toString());
                done.complete(Outcome.STOPPED);
            }
        }

        private String what() {
            return op instanceof StoreOp.Disconnected d ? d.reason() : "will message";
        }
    }
}
