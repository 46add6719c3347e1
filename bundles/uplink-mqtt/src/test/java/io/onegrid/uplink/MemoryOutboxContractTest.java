package io.onegrid.uplink;

import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxContract;

/** The Outbox contract over the in-memory outbox the drain tests use, so they test against real behaviour. */
class MemoryOutboxContractTest extends OutboxContract {
    @Override
    protected Outbox newOutbox() {
        return new MemoryOutbox();
    }
}
