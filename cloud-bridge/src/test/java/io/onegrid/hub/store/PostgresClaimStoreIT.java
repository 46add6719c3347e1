package io.onegrid.hub.store;

/** The claim and walk-test store contract on a real PostgreSQL server (see {@link TestStores}). */
class PostgresClaimStoreIT extends ClaimStoreContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
