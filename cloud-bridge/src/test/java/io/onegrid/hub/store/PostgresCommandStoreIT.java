package io.onegrid.hub.store;

/** The command store contract on a real PostgreSQL server (see {@link TestStores}). */
class PostgresCommandStoreIT extends CommandStoreContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
