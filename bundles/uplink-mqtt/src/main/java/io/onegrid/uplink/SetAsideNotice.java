package io.onegrid.uplink;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.StoredMessage;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the hub that an alarm was set aside: when the hub refuses an alarm for good, the gateway enqueues an
 * {@code event} of type {@value #TYPE} (detail: {@code alarmId}, {@code rule}, {@code transition},
 * {@code severity}, {@code reason}, {@code outboxId}; the event's {@code device} is the alarm's), so the hub
 * sees that an alarm exists which it did not store, and an operator can replay it by its outbox id. The
 * event is a small, well-formed message of another kind, so the reason that kept the alarm out rarely keeps
 * it out too; if the hub refuses it as well it is set aside like any event, never reported again.
 */
final class SetAsideNotice {
    static final String TYPE = "alarm.set-aside";
    private static final Logger LOG = LoggerFactory.getLogger(SetAsideNotice.class);

    private final Outbox outbox;
    private final UplinkEncoder encoder;
    private final EnvelopeCodec codec;
    private final GatewayClock clock;

    SetAsideNotice(Outbox outbox, UplinkEncoder encoder, EnvelopeCodec codec, GatewayClock clock) {
        this.outbox = outbox;
        this.encoder = encoder;
        this.codec = codec;
        this.clock = clock;
    }

    /** Called after {@code m} was quarantined for {@code reason}; does nothing for messages other than alarms. */
    void setAside(StoredMessage m, String reason) {
        if (!MessageKind.ALARM.wireName().equals(m.kind())) return;
        Map<String, String> detail = new LinkedHashMap<>();
        String device = null;
        try {
            if (codec.decode(m.payload(), MessageKind.ALARM).body() instanceof Body.Alarm a) {
                device = a.device();
                detail.put("alarmId", a.alarmId());
                detail.put("rule", a.rule());
                detail.put("transition", a.transition().name().toLowerCase(Locale.ROOT));
                detail.put("severity", a.severity());
            }
        } catch (ProtocolException e) {
            // The hub may have refused it for being unreadable: report what is known, the outbox id.
            detail.put("unreadable", e.getMessage());
        }
        detail.put("reason", reason);
        detail.put("outboxId", Long.toString(m.id()));
        try {
            outbox.append(encoder.event(new GatewayEvent(TYPE, device, detail, clock.wallMs(), clock.monoMs())));
        } catch (OutboxException | RuntimeException e) {
            LOG.error("alarm {} was set aside and the event reporting it could not be stored: {}", m.id(), e.toString());
        }
    }
}
