package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;

/** Durable ingest of what gateways send, with de-duplication, and its retention. */
public interface IngestStore {

    /**
     * Applies a batch in ONE transaction and returns one result per op, in order. Each op runs inside
     * its own savepoint, so one op that fails is rolled back alone while the others commit: as
     * {@link IngestResult.Status#UNPROCESSABLE} when it would fail the same way again, as
     * {@link IngestResult.Status#FAILED} when the database's state caused it. If the commit itself fails,
     * this throws and nothing of the batch is stored.
     */
    List<IngestResult> apply(List<StoreOp> batch);

    /**
     * Deletes at most {@code maxRows} de-duplication keys received before {@code before}, in one short
     * transaction; returns how many. A message re-sent after its key is gone would be stored again.
     */
    int pruneDedupKeys(Instant before, int maxRows);

    /** Deletes at most {@code maxRows} telemetry readings received before {@code before}; returns how many. */
    int pruneTelemetry(Instant before, int maxRows);
}
