package io.onegrid.hub.store;

/** The webhook store contract on a real PostgreSQL server (see {@link TestStores}). */
class PostgresWebhookStoreIT extends WebhookStoreContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
