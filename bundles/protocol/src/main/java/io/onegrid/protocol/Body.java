package io.onegrid.protocol;

import java.util.List;
import java.util.Map;

/** The kind-specific part of an {@link Envelope}. One record per {@link MessageKind}. */
public sealed interface Body permits Body.Birth, Body.Telemetry, Body.Alarm, Body.Event, Body.Health, Body.Death {

    MessageKind kind();

    /** A device the gateway declares in its birth message. */
    record DeclaredDevice(String id, String profile, Location location) { }

    /** Sent on every (re)connect: who the gateway is and what it serves. */
    record Birth(String software, Timestamp bootedAt, List<DeclaredDevice> devices) implements Body {
        public Birth { devices = List.copyOf(devices); }
        public MessageKind kind() { return MessageKind.BIRTH; }
    }

    /** A batch of readings that passed the report policy. */
    record Telemetry(List<WireReading> readings) implements Body {
        public Telemetry { readings = List.copyOf(readings); }
        public MessageKind kind() { return MessageKind.TELEMETRY; }
    }

    /** Raised or cleared. */
    enum Transition { RAISED, CLEARED }

    /**
     * One alarm transition. {@code alarmId} names the occurrence (raise and its clear share it);
     * {@code device}+{@code rule} name the source, so a re-raise of the same source can join an open case.
     */
    record Alarm(String alarmId, String device, String rule, Transition transition, String severity,
                 String caseType, Location location, Timestamp raisedAt, String message,
                 List<WireReading> readings) implements Body {
        public Alarm {
            readings = List.copyOf(readings);
            if (alarmId == null || alarmId.isBlank() || device == null || rule == null || transition == null
                    || severity == null || caseType == null || location == null || raisedAt == null) {
                throw new ProtocolException(ProtocolError.INVALID_FIELD,
                        "alarm needs alarmId, device, rule, transition, severity, caseType, location and raisedAt");
            }
        }
        public MessageKind kind() { return MessageKind.ALARM; }
    }

    /** Something that happened that is neither a reading nor an alarm (device added, walk test, config applied). */
    record Event(String type, String device, Map<String, String> detail) implements Body {
        public Event {
            detail = Map.copyOf(detail);
            if (type == null || type.isBlank()) {
                throw new ProtocolException(ProtocolError.INVALID_FIELD, "event needs a type");
            }
        }
        public MessageKind kind() { return MessageKind.EVENT; }
    }

    /**
     * Periodic heartbeat with the gateway's own vital signs. The quarantine fields came later and are optional
     * on the wire (0 when absent), so a hub reads heartbeats of older gateways and older hubs ignore them.
     *
     * @param outboxQuarantined       messages the gateway set aside (the hub refused them for good)
     * @param outboxQuarantinedBytes  their payload bytes (the quarantine is bounded in bytes)
     * @param outboxQuarantineEvicted set-aside messages deleted to keep that bound, since the outbox was made
     */
    record Health(long uptimeMs, long outboxPending, long outboxDropped, List<DeviceStatus> devices,
                  long outboxQuarantined, long outboxQuarantinedBytes, long outboxQuarantineEvicted) implements Body {
        public Health { devices = List.copyOf(devices); }

        /** A heartbeat without quarantine figures (as gateways before them sent). */
        public Health(long uptimeMs, long outboxPending, long outboxDropped, List<DeviceStatus> devices) {
            this(uptimeMs, outboxPending, outboxDropped, devices, 0, 0, 0);
        }

        public MessageKind kind() { return MessageKind.HEALTH; }
    }

    /** Device communication status as the gateway sees it. */
    record DeviceStatus(String id, boolean online) { }

    /** The will message (or a clean goodbye): the gateway is gone. */
    record Death(String reason) implements Body {
        public MessageKind kind() { return MessageKind.DEATH; }
    }
}
