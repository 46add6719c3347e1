package io.onegrid.api;

import java.util.List;

/**
 * Turns gateway facts into wire messages for the outbox, stamping gateway id, boot id and a sequence
 * number. Implemented by the uplink bundle, which owns the wire contract; producers (edge rules, report
 * policy) stay free of it.
 */
public interface UplinkEncoder {
    OutboundMessage alarm(AlarmTransition transition);

    OutboundMessage telemetry(List<Reading> readings);

    OutboundMessage event(GatewayEvent event);
}
