package io.onegrid.hub.store;

/**
 * Everything the hub keeps, as one object with one interface per concern. Methods block (call them from
 * worker threads) and throw {@link StoreException} when the database fails. {@link JdbcHubStore} implements it
 * on SQLite (embedded default) and PostgreSQL; both pass the contract suites in the tests.
 */
public interface HubStore extends IngestStore, RegistryStore, GridStore, CaseStore, NotificationStore, UserStore,
        EventStore, CommandStore, TelemetryStore, WebhookStore, ClaimStore, WalkTestStore, AutoCloseable {

    /** Counts for health and tests; throws if the database cannot be read. Not cheap: not for every request. */
    StoreStats stats();

    /** A trivial query: whether the database answers now. */
    boolean ping();

    @Override
    void close();
}
