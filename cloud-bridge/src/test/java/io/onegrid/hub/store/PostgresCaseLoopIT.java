package io.onegrid.hub.store;

/** The case loop contract on a real PostgreSQL server, where several writers run at once. */
class PostgresCaseLoopIT extends CaseLoopContract {
    @Override
    protected HubStore newStore() {
        return TestStores.postgres(clock);
    }
}
