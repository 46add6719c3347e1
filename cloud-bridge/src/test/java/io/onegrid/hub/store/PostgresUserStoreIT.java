package io.onegrid.hub.store;

/** Runs the user-account store contract on a real PostgreSQL server (see {@link TestStores}). */
class PostgresUserStoreIT extends UserStoreContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
