package io.onegrid.poller;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Outbox;
import io.onegrid.api.Reading;
import io.onegrid.api.UplinkEncoder;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a batch as one telemetry message and appends it to the outbox. Telemetry is best-effort: when
 * encoding or the outbox fails, the batch is counted as lost and a warning is logged at most once a minute.
 */
final class TelemetrySender implements Consumer<List<Reading>> {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySender.class);

    private final UplinkEncoder encoder;
    private final Outbox outbox;
    private final RateLimiter warnings;
    private long lostBatches;

    TelemetrySender(UplinkEncoder encoder, Outbox outbox, GatewayClock clock) {
        this.encoder = encoder;
        this.outbox = outbox;
        this.warnings = new RateLimiter(clock, 60_000);
    }

    @Override
    public void accept(List<Reading> batch) {
        try {
            OutboundMessage message = encoder.telemetry(batch);
            outbox.append(message);
        } catch (Exception e) {
            long lost;
            synchronized (this) {
                lost = ++lostBatches;
            }
            long held = warnings.tryAcquire();
            if (held >= 0) {
                LOG.warn("telemetry batch of {} readings lost: {} ({} batches lost since start)", batch.size(),
                        e.toString(), lost);
            }
        }
    }

    synchronized long lostBatches() {
        return lostBatches;
    }
}
