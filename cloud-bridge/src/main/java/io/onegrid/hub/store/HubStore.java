package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the hub keeps. Methods block (call them from worker threads) and throw
 * {@link StoreException} when the database fails. The SQLite implementation is {@link SqliteHubStore};
 * a PostgreSQL one must pass the same contract test (HubStoreContract in the tests).
 */
public interface HubStore extends AutoCloseable {

    // ---- ingest ----

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

    // ---- gateways ----

    Optional<String> gatewaySecretHash(String gatewayId);

    /** Registers a new gateway; false if the id is taken. */
    boolean createGateway(String gatewayId, String secretHash);

    /** Creates the gateway or replaces its secret (gateways pre-registered from configuration). */
    void putGatewaySecret(String gatewayId, String secretHash);

    List<GatewayView> gateways();

    // ---- users and tokens ----

    Optional<UserRecord> user(String username);

    /** Creates a user; false if the name is taken. */
    boolean createUser(String username, String passwordHash, String role);

    void storeToken(String tokenHash, String username, Instant expiresAt);

    /** The session a token hash belongs to, if it exists and has not expired at {@code now}. */
    Optional<TokenSession> tokenSession(String tokenHash, Instant now);

    int deleteExpiredTokens(Instant now);

    // ---- cases ----

    CasePage cases(CaseQuery query);

    Optional<CaseDetail> caseDetail(long caseId);

    // ---- health ----

    /** Counts for health and tests; throws if the database cannot be read. */
    StoreStats stats();

    @Override
    void close();
}
