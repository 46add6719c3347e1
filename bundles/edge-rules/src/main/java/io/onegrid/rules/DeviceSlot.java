package io.onegrid.rules;

import io.onegrid.api.DeviceRef;
import io.onegrid.profile.DeviceProfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rules of one device and their state. The slot itself is the device's lock: readings (poller
 * threads), communication events and ticks for one device are evaluated one at a time. Slots live as long
 * as the engine, so a rebuild after a configuration change keeps the lock and the alarm states.
 */
final class DeviceSlot {
    final String deviceId;
    DeviceRef ref;
    DeviceProfile profile;
    boolean built;
    long generation = -1;
    /** Monotonic time since which the device is missing from the registry, or -1. */
    long absentSinceMono = -1;
    /** Whether a missing profile was already reported, so it is logged once and not per reading. */
    boolean missingProfileLogged;
    Map<String, RuleEvaluator> evaluators = new LinkedHashMap<>();
    /** Transitions decided under the lock, waiting to run (actions, then the sink) outside it, in order. */
    final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    /** Which channels can be seen right now, to find re-synchronisation points. */
    final Resync resync = new Resync();
    /** Whether a thread is running {@link #pending} right now. */
    final AtomicBoolean delivering = new AtomicBoolean();
    private Map<String, List<RuleEvaluator>> byChannel = Map.of();

    DeviceSlot(String deviceId) {
        this.deviceId = deviceId;
    }

    void install(Map<String, RuleEvaluator> fresh) {
        evaluators = fresh;
        Map<String, List<RuleEvaluator>> index = new HashMap<>();
        for (RuleEvaluator e : fresh.values()) {
            if (e.spec().channel() != null) index.computeIfAbsent(e.spec().channel(), c -> new ArrayList<>()).add(e);
        }
        byChannel = index;
    }

    List<RuleEvaluator> forChannel(String channel) {
        return byChannel.getOrDefault(channel, List.of());
    }
}
