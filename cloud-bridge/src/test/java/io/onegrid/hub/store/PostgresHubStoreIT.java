package io.onegrid.hub.store;

/** Runs the store contract on a real PostgreSQL server (see {@link TestStores}). */
class PostgresHubStoreIT extends HubStoreContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
