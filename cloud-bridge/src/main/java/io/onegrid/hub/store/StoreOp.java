package io.onegrid.hub.store;

import io.onegrid.protocol.Envelope;

/** One unit of work for {@link HubStore#apply}: a decoded uplink message, or a connection fact. */
public sealed interface StoreOp permits StoreOp.Ingest, StoreOp.Disconnected {

    String gatewayId();

    /** A validated envelope whose gateway matches the authenticated session. */
    record Ingest(Envelope envelope) implements StoreOp {
        public String gatewayId() { return envelope.gatewayId(); }
    }

    /** The gateway's connection ended without a usable will message: it is offline now. */
    record Disconnected(String gatewayId, String reason) implements StoreOp { }
}
