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
     * Periodic heartbeat with the gateway's own vital signs. Fields after {@code devices} came later and are
     * optional on the wire (0 or null when absent), so a hub reads heartbeats of older gateways and older hubs
     * ignore them. A heartbeat is encoded when it is sent (it never waits in the outbox), so its envelope's
     * {@code ts} is the gateway's wall and monotonic clock at sending.
     *
     * @param outboxQuarantined       messages the gateway set aside (the hub refused them for good)
     * @param outboxQuarantinedBytes  their payload bytes (the quarantine is bounded in bytes)
     * @param outboxQuarantineEvicted set-aside messages deleted to keep that bound, since the outbox was made
     * @param outboxOldestAgeMs       how long the oldest pending message has waited, by the gateway's wall clock;
     *                                null when nothing is pending or the gateway does not say
     * @param clockSync               whether the gateway believes its wall clock is synchronised
     */
    record Health(long uptimeMs, long outboxPending, long outboxDropped, List<DeviceStatus> devices,
                  long outboxQuarantined, long outboxQuarantinedBytes, long outboxQuarantineEvicted,
                  Long outboxOldestAgeMs, ClockSync clockSync) implements Body {
        public Health {
            devices = List.copyOf(devices);
            if (clockSync == null) clockSync = ClockSync.UNKNOWN;
        }

        /** A heartbeat without the backlog's age and the clock's state (as gateways before them sent). */
        public Health(long uptimeMs, long outboxPending, long outboxDropped, List<DeviceStatus> devices,
                      long outboxQuarantined, long outboxQuarantinedBytes, long outboxQuarantineEvicted) {
            this(uptimeMs, outboxPending, outboxDropped, devices, outboxQuarantined, outboxQuarantinedBytes,
                    outboxQuarantineEvicted, null, ClockSync.UNKNOWN);
        }

        /** A heartbeat without quarantine figures (as gateways before them sent). */
        public Health(long uptimeMs, long outboxPending, long outboxDropped, List<DeviceStatus> devices) {
            this(uptimeMs, outboxPending, outboxDropped, devices, 0, 0, 0);
        }

        public MessageKind kind() { return MessageKind.HEALTH; }
    }

    /**
     * Whether the gateway believes its wall clock is synchronised: {@code SYNCED} when its time service said so,
     * {@code UNSYNCED} when that service runs and has not synchronised yet, {@code UNKNOWN} when it cannot tell.
     * The hub measures the offset itself either way; this only says whether the gateway knows it may be off.
     */
    enum ClockSync { SYNCED, UNSYNCED, UNKNOWN }

    /**
     * How well the gateway talks to a device: {@code OK} answering, {@code DEGRADED} answering but its latest
     * attempts failed (fewer than make it offline), {@code DOWN} in communication fault, {@code UNKNOWN} not
     * connected yet (or not said).
     */
    enum CommState { OK, DEGRADED, DOWN, UNKNOWN }

    /**
     * Device communication status as the gateway sees it. {@code state} and {@code lastReadingAgeMs} came later:
     * absent on the wire they read as {@code UNKNOWN} and null.
     *
     * @param lastReadingAgeMs how long ago (gateway monotonic clock) the device last gave a usable reading in this
     *                         boot; null when it has not
     */
    record DeviceStatus(String id, boolean online, CommState state, Long lastReadingAgeMs) {
        public DeviceStatus {
            if (state == null) state = CommState.UNKNOWN;
        }

        /** A status with only the online flag (as gateways before the communication state sent). */
        public DeviceStatus(String id, boolean online) {
            this(id, online, CommState.UNKNOWN, null);
        }
    }

    /** The will message (or a clean goodbye): the gateway is gone. */
    record Death(String reason) implements Body {
        public MessageKind kind() { return MessageKind.DEATH; }
    }
}
