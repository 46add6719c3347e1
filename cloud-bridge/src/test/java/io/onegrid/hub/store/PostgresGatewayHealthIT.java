package io.onegrid.hub.store;

/** The heartbeat contract on a real PostgreSQL server (see {@link TestStores}). */
class PostgresGatewayHealthIT extends GatewayHealthContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
