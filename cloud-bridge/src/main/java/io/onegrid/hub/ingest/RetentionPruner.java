package io.onegrid.hub.ingest;

import io.onegrid.hub.config.Retention;
import io.onegrid.hub.store.HubStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Deletes de-duplication keys, telemetry, live-stream events and finished webhook deliveries older than their
 * {@link Retention}, counted on the hub's clock from when each row was received (a delivery: created). Works in small steps, each one short transaction of at most
 * {@code batchSize} rows, so the ingest writer can run one step between two ingest batches without holding
 * gateways' acknowledgements back for long (see {@link IngestBatcher}).
 */
public final class RetentionPruner {
    /** Rows per step: a few milliseconds of deleting. */
    public static final int DEFAULT_BATCH = 1000;

    private final HubStore store;
    private final Retention retention;
    private final Clock clock;
    private final int batchSize;

    public RetentionPruner(HubStore store, Retention retention, Clock clock, int batchSize) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Deletes one batch of expired rows; true if more may remain (call again soon), false when done for now. */
    public boolean step() {
        Instant now = clock.instant();
        if (store.pruneDedupKeys(now.minus(retention.dedupKeys()), batchSize) == batchSize) return true;
        if (store.pruneTelemetry(now.minus(retention.telemetry()), batchSize) == batchSize) return true;
        if (store.pruneStream(now.minus(retention.stream()), batchSize) == batchSize) return true;
        return store.pruneWebhookDeliveries(now.minus(retention.webhookDeliveries()), batchSize) == batchSize;
    }
}
