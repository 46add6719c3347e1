package io.onegrid.uplink;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.api.Reading;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns gateway facts into protocol envelopes: stamps the gateway id, this boot's id, the next per-boot
 * sequence number (1, 2, 3, ... drawn when the message is encoded, i.e. before it enters the outbox, so a
 * re-send carries the same number) and the gateway clock. Birth and death describe the connection and carry
 * sequence 0, as docs/protocol.md specifies. Thread-safe.
 */
public final class WireEncoder implements UplinkEncoder {
    /** Site used when a device has no coverage configured: an alarm is sent anyway rather than lost. */
    static final String UNASSIGNED_SITE = "unassigned";

    private final String gatewayId;
    private final String bootId;
    private final GatewayClock clock;
    private final EnvelopeCodec codec;
    private final Timestamp bootedAt;
    private final AtomicLong seq = new AtomicLong();

    public WireEncoder(String gatewayId, String bootId, GatewayClock clock, EnvelopeCodec codec) {
        this.gatewayId = gatewayId;
        this.bootId = bootId;
        this.clock = clock;
        this.codec = codec;
        this.bootedAt = now();
        // Validate identity once, at start, rather than on the first alarm.
        Envelope.of(gatewayId, bootId, 0, bootedAt, new Body.Death(null));
    }

    public String gatewayId() {
        return gatewayId;
    }

    public String bootId() {
        return bootId;
    }

    /** The codec this encoder writes with, for readers of its own payloads (one Jackson mapper, not two). */
    EnvelopeCodec codec() {
        return codec;
    }

    /** The last sequence number handed out (0 before the first). */
    public long lastSeq() {
        return seq.get();
    }

    @Override
    public OutboundMessage alarm(AlarmTransition t) {
        Body.Alarm body = new Body.Alarm(t.alarmId(), t.deviceId(), t.ruleId(),
                t.raised() ? Body.Transition.RAISED : Body.Transition.CLEARED,
                t.severity() == null ? null : t.severity().toLowerCase(Locale.ROOT), t.caseType(),
                location(t.coverage()), new Timestamp(t.raisedWallMs(), Math.max(0, t.raisedMonoMs())),
                t.message(), wire(t.readings()));
        return new OutboundMessage(Priority.ALARM, MessageKind.ALARM.wireName(), sequenced(body));
    }

    @Override
    public OutboundMessage telemetry(List<Reading> readings) {
        return new OutboundMessage(Priority.TELEMETRY, MessageKind.TELEMETRY.wireName(),
                sequenced(new Body.Telemetry(wire(readings))));
    }

    @Override
    public OutboundMessage event(GatewayEvent event) {
        return new OutboundMessage(Priority.EVENT, MessageKind.EVENT.wireName(),
                sequenced(new Body.Event(event.type(), event.deviceId(), event.detail())));
    }

    /** The birth payload: software version, when this boot started, and the devices with what they cover. */
    public byte[] birth(String software, Collection<DeviceRef> devices) {
        return birthOf(software, declared(devices));
    }

    /** The birth payload for devices already in their wire form (see {@link #declared}). */
    public byte[] birthOf(String software, List<Body.DeclaredDevice> declared) {
        return codec.encode(Envelope.of(gatewayId, bootId, 0, now(), new Body.Birth(software, bootedAt, declared)));
    }

    /** What a birth says about the devices: id, profile and location. Other device settings are not in it. */
    public static List<Body.DeclaredDevice> declared(Collection<DeviceRef> devices) {
        return devices.stream().map(d -> new Body.DeclaredDevice(d.id(), d.profileId(), location(d.coverage()))).toList();
    }

    /** A heartbeat ({@link Heartbeat} reads what it says), sequenced like any other fact and stamped now. */
    public byte[] health(Body.Health body) {
        return sequenced(body);
    }

    /** The clock the envelopes are stamped with, for what is measured against it (the heartbeat's uptime). */
    GatewayClock clock() {
        return clock;
    }

    /** The death payload, used as will message ("connection lost") and as clean goodbye ("shutdown"). */
    public byte[] death(String reason) {
        return codec.encode(Envelope.of(gatewayId, bootId, 0, now(), new Body.Death(reason)));
    }

    private byte[] sequenced(Body body) {
        return codec.encode(Envelope.of(gatewayId, bootId, seq.incrementAndGet(), now(), body));
    }

    private Timestamp now() {
        return new Timestamp(clock.wallMs(), Math.max(0, clock.monoMs()));
    }

    static Location location(Coverage c) {
        if (c == null) return new Location(UNASSIGNED_SITE, null, null, null);
        return new Location(c.site(), c.unit(), c.area(), c.residentId());
    }

    static List<WireReading> wire(List<Reading> readings) {
        return readings.stream().map(r -> new WireReading(r.deviceId(), r.channel(), r.value(), r.unit(),
                WireReading.Quality.valueOf(r.quality().name()),
                new Timestamp(r.wallMs(), Math.max(0, r.monoMs())))).toList();
    }
}
