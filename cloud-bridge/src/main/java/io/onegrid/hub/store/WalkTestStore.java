package io.onegrid.hub.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Walk tests (a gateway's alarms are recorded but open no case, for a bounded time) and the commissioning reports
 * that follow them.
 */
public interface WalkTestStore {

    /**
     * One walk test; {@code endsAt} is its planned end, or when it was ended early ({@code endedBy} set). Devices
     * that triggered are in {@code devices}; devices that reported a fault of their own are in {@code faults}
     * (a device can be in both).
     */
    record WalkTest(long id, String gatewayId, Instant startedAt, String startedBy, Instant endsAt, String endedBy,
                    List<DeviceSeen> devices, List<DeviceFault> faults) {
        public WalkTest {
            devices = List.copyOf(devices);
            faults = List.copyOf(faults);
        }

        public boolean activeAt(Instant now) {
            return !now.isBefore(startedAt) && now.isBefore(endsAt);
        }
    }

    /**
     * What the hub saw of one device during a walk test: its first trigger ({@code alarm} raise or device
     * {@code event}, with the alarm id or event type as {@code ref}), the value it carried, the hub round trip of
     * that first trigger, and how many triggers came in all.
     */
    record DeviceSeen(String device, Instant firstAt, Instant receivedAt, String trigger, String ref, String value,
                      long roundTripMs, int triggers) { }

    /**
     * A device's own fault during a walk test (an alarm of case type {@code device.*}: not answering, a sensor
     * fault, tamper): the first one with its alarm id, case type and message, how many came, and whether one of them
     * is still raised (now, or at the walk test's end once it ended). A fault is never a trigger: a device that only
     * reported faults is untested.
     */
    record DeviceFault(String device, Instant firstAt, Instant receivedAt, String alarmId, String caseType, String detail,
                       int faults, boolean raised) { }

    /** A started walk test, and whether it was one already running that got extended (or just returned). */
    record Started(WalkTest walkTest, boolean alreadyRunning) { }

    /**
     * Starts a walk test of {@code duration}; if one is running it is extended to end no earlier than now plus
     * {@code duration} and returned. The gateway must exist.
     */
    Started startWalkTest(String gatewayId, Duration duration, String by);

    /** Ends the running walk test now; empty if none was running. */
    Optional<WalkTest> endWalkTest(String gatewayId, String by);

    /** The gateway's newest walk test, running or not, with what the hub saw. */
    Optional<WalkTest> latestWalkTest(String gatewayId);

    /** The walk tests running now: gateway id to planned end (one query, for gateway lists). */
    java.util.Map<String, Instant> walkTestsRunning();

    /** A commissioning report as stored: the merged document (JSON) and which devices it marked commissioned. */
    record Commissioning(long id, String gatewayId, Long walkTestId, String submittedBy, Instant submittedAt,
                         String reportJson, List<String> commissioned) { }

    /**
     * Stores a merged report and marks {@code tested} devices of the gateway commissioned now (devices it calls
     * untested keep whatever commissioning they had).
     */
    Commissioning storeCommissioning(String gatewayId, Long walkTestId, String by, String reportJson, List<String> tested);

    /** The gateway's latest commissioning report. */
    Optional<Commissioning> commissioning(String gatewayId);
}
