package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Evaluates every device's alarm rules: readings and communication events from the poller, ticks from
 * a timer. Rules come from the device's profile plus its overrides ({@link EffectiveRules}); devices and
 * their configuration are looked up in the {@link DeviceRegistry} and re-checked on every tick, so a
 * live configuration change takes effect within one tick without losing alarm state.
 * <p>
 * On a raise the rule's local actions run first, on the calling thread; then the {@link AlarmTransition}
 * goes to the sink (the {@link AlarmPersister}), which persists it off-thread. Thread-safe: each device
 * is evaluated under its own lock, but its transitions are only collected there and run after the lock is
 * released ({@link #deliver}): a local action may wait for a bus, and that bus's thread may need the lock.
 */
public final class RuleEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final DeviceRegistry registry;
    private final ProfileCatalog catalog;
    private final ActionRunner actions;
    private final Consumer<AlarmTransition> sink;
    private final GatewayClock clock;
    private final Supplier<String> ids;
    private final long orphanGraceMs;
    private final Map<String, DeviceSlot> slots = new ConcurrentHashMap<>();
    /** Alarms raised before a restart whose device/rule has not been built yet, keyed device + '\n' + rule. */
    private final Map<String, ActiveAlarm> restored = new ConcurrentHashMap<>();
    private final long startedMono;
    private volatile FlapPolicy flap;
    private volatile ZoneId zone;
    private volatile long generation;

    /**
     * @param sink          receives every raise and clear (after local actions have run)
     * @param orphanGraceMs how long a device may be missing from the registry (or a restored alarm remain
     *                      unclaimed) before its raised alarms are cleared
     */
    public RuleEngine(DeviceRegistry registry, ProfileCatalog catalog, ChannelWriter writer,
                      Consumer<AlarmTransition> sink, GatewayClock clock, ZoneId zone, FlapPolicy flap,
                      Supplier<String> ids, Duration orphanGrace) {
        this.registry = registry;
        this.catalog = catalog;
        this.actions = new ActionRunner(writer);
        this.sink = sink;
        this.clock = clock;
        this.zone = zone;
        this.flap = flap;
        this.ids = ids;
        this.orphanGraceMs = orphanGrace.toMillis();
        this.startedMono = clock.monoMs();
    }

    /**
     * Takes over alarms that were raised before a restart: their rules start RAISED with the stored id, so
     * the condition seen again is no new alarm and the clear reuses the id. If a rule already raised a new
     * alarm (the store answered late), the stored one is cleared so nothing stays open forever.
     */
    public void restore(List<ActiveAlarm> alarms) {
        for (ActiveAlarm a : alarms) {
            DeviceSlot slot = slots.get(a.deviceId());
            if (slot == null) {
                restored.put(key(a.deviceId(), a.ruleId()), a);
                continue;
            }
            synchronized (slot) {
                RuleEvaluator ev = slot.built ? slot.evaluators.get(a.ruleId()) : null;
                if (ev == null) {
                    restored.put(key(a.deviceId(), a.ruleId()), a);
                } else if (ev.lifecycle().state() != AlarmLifecycle.State.RAISED) {
                    ev.lifecycle().restore(a.alarmId(), a.raisedWallMs(), a.raisedMonoMs());
                } else if (!a.alarmId().equals(ev.lifecycle().alarmId())) {
                    clearStored(slot, slot.ref, ev.spec(), a, "superseded by alarm " + ev.lifecycle().alarmId());
                }
            }
            deliver(slot);
        }
    }

    public void flapPolicy(FlapPolicy policy) {
        this.flap = policy;
        for (DeviceSlot slot : slots.values()) {
            synchronized (slot) {
                slot.evaluators.values().forEach(e -> e.lifecycle().flapPolicy(policy));
            }
        }
    }

    /** Changes the zone of inactivity windows; rules are rebuilt (keeping their state) on the next tick. */
    public void zone(ZoneId newZone) {
        this.zone = newZone;
        generation++;
    }

    public void onReadings(List<Reading> readings) {
        for (Reading r : readings) {
            if (r == null || r.deviceId() == null || r.channel() == null) continue;
            try {
                DeviceSlot slot = slotFor(r.deviceId(), null);
                if (slot == null) continue;
                synchronized (slot) {
                    Resync.Point point = slot.resync.observe(r);
                    if (point != null) {
                        // a re-sync point: what changed while nobody could see is raised or cleared now
                        List<String> found = Resync.evaluate(List.copyOf(slot.evaluators.values()), r, point,
                                (ev, t) -> emit(slot, slot.ref, ev.spec(), t));
                        if (!found.isEmpty()) {
                            LOG.info("Re-sync of {}/{} (first reading {}): {}", slot.deviceId, r.channel(),
                                    point.why(), String.join(", ", found));
                        }
                    } else {
                        for (RuleEvaluator ev : slot.forChannel(r.channel())) {
                            ev.onReading(r).ifPresent(t -> emit(slot, slot.ref, ev.spec(), t));
                        }
                    }
                }
                deliver(slot);
            } catch (RuntimeException e) {
                LOG.error("Evaluating a reading of {}/{} failed", r.deviceId(), r.channel(), e);
            }
        }
    }

    public void onCommunication(DeviceRef device, boolean faulted, String reason) {
        try {
            DeviceSlot slot = slotFor(device.id(), device);
            if (slot == null) return;
            synchronized (slot) {
                if (faulted) slot.resync.lost();
                for (RuleEvaluator ev : List.copyOf(slot.evaluators.values())) {
                    ev.onCommunication(faulted, reason).ifPresent(t -> emit(slot, slot.ref, ev.spec(), t));
                }
            }
            deliver(slot);
        } catch (RuntimeException e) {
            LOG.error("Evaluating a communication change of {} failed", device.id(), e);
        }
    }

    /** Re-reads the configuration and lets time pass for every rule (inactivity, minimum durations, flapping). */
    public void tick() {
        refresh();
        for (DeviceSlot slot : slots.values()) {
            try {
                synchronized (slot) {
                    for (RuleEvaluator ev : List.copyOf(slot.evaluators.values())) {
                        ev.onTick().ifPresent(t -> emit(slot, slot.ref, ev.spec(), t));
                    }
                }
                deliver(slot);
            } catch (RuntimeException e) {
                LOG.error("Evaluating the rules of {} on a tick failed", slot.deviceId, e);
            }
        }
    }

    /** The current lifecycle state of a device's rule (for tests and diagnostics). */
    public Optional<AlarmLifecycle.State> state(String deviceId, String ruleId) {
        DeviceSlot slot = slots.get(deviceId);
        if (slot == null) return Optional.empty();
        synchronized (slot) {
            RuleEvaluator ev = slot.evaluators.get(ruleId);
            return ev == null ? Optional.empty() : Optional.of(ev.lifecycle().state());
        }
    }

    private void refresh() {
        long now = clock.monoMs();
        Set<String> present = new HashSet<>();
        for (DeviceRef ref : registry.devices()) {
            present.add(ref.id());
            try {
                DeviceSlot slot = slotFor(ref.id(), ref);
                if (slot != null) deliver(slot);
            } catch (RuntimeException e) {
                LOG.error("Building the rules of device {} failed", ref.id(), e);
            }
        }
        for (DeviceSlot slot : slots.values()) {
            if (present.contains(slot.deviceId)) continue;
            synchronized (slot) {
                if (!slot.built) continue;
                if (slot.absentSinceMono < 0) slot.absentSinceMono = now;
                if (now - slot.absentSinceMono >= orphanGraceMs) retire(slot);
            }
            deliver(slot);
        }
        if (!restored.isEmpty() && now - startedMono >= orphanGraceMs) {
            for (ActiveAlarm a : List.copyOf(restored.values())) {
                if (!present.contains(a.deviceId()) && restored.remove(key(a.deviceId(), a.ruleId())) != null) {
                    LOG.warn("Alarm {} ({}/{}) was raised before the restart but its device is no longer configured; clearing it",
                            a.alarmId(), a.deviceId(), a.ruleId());
                    clearStored(null, null, null, a, "device no longer configured on this gateway");
                }
            }
        }
    }

    /** The device's slot, (re)built when its configuration, profile or the engine settings changed. */
    private DeviceSlot slotFor(String deviceId, DeviceRef known) {
        DeviceSlot slot = slots.get(deviceId);
        if (slot == null) {
            DeviceRef ref = known != null ? known : registry.device(deviceId).orElse(null);
            if (ref == null) {
                LOG.debug("Reading for unknown device {} ignored", deviceId);
                return null;
            }
            slot = slots.computeIfAbsent(deviceId, DeviceSlot::new);
            known = ref;
        }
        synchronized (slot) {
            DeviceRef ref = known != null ? known : slot.built ? slot.ref : registry.device(deviceId).orElse(null);
            if (ref == null) return null;
            DeviceProfile profile = catalog.find(ref.profileId()).orElse(null);
            if (!slot.built || !ref.equals(slot.ref) || !sameProfile(profile, slot.profile) || slot.generation != generation) {
                rebuild(slot, ref, profile);
            }
            slot.absentSinceMono = -1;
        }
        return slot;
    }

    private static boolean sameProfile(DeviceProfile a, DeviceProfile b) {
        return a == b || (a != null && a.equals(b));
    }

    private void rebuild(DeviceSlot slot, DeviceRef ref, DeviceProfile profile) {
        Map<String, RuleEvaluator> old = slot.evaluators;
        Map<String, RuleEvaluator> fresh = new LinkedHashMap<>();
        Map<String, AlarmRuleSpec> profileRules = new LinkedHashMap<>();
        if (profile == null) {
            if (!slot.missingProfileLogged) {
                LOG.error("Device {} names profile '{}', which the profile catalog does not have: no alarm rules for it until it appears",
                        ref.id(), ref.profileId());
                slot.missingProfileLogged = true;
            }
        } else {
            slot.missingProfileLogged = false;
            List<AlarmRuleSpec> rules = RuleFactory.rulesOf(profile);
            rules.forEach(r -> profileRules.put(r.id(), r));
            for (AlarmRuleSpec rule : EffectiveRules.of(ref, profile, rules)) {
                build(slot, ref, rule, old.get(rule.id())).ifPresent(ev -> fresh.put(rule.id(), ev));
            }
        }
        slot.ref = ref;
        slot.profile = profile;
        slot.built = true;
        slot.generation = generation;
        slot.install(fresh);
        for (Map.Entry<String, RuleEvaluator> e : old.entrySet()) {
            if (fresh.containsKey(e.getKey())) continue;
            e.getValue().lifecycle().forceClear("rule " + e.getKey() + " no longer active on this device")
                    .ifPresent(t -> emit(slot, ref, e.getValue().spec(), t));
        }
        for (ActiveAlarm a : List.copyOf(restored.values())) {
            if (a.deviceId().equals(ref.id()) && !fresh.containsKey(a.ruleId()) && profile != null
                    && restored.remove(key(a.deviceId(), a.ruleId())) != null) {
                clearStored(slot, ref, profileRules.get(a.ruleId()), a, "rule " + a.ruleId() + " no longer active on this device");
            }
        }
    }

    /** An evaluator of the effective {@code spec}, keeping the state of the rule's {@code previous} evaluator. */
    private Optional<RuleEvaluator> build(DeviceSlot slot, DeviceRef ref, AlarmRuleSpec spec, RuleEvaluator previous) {
        long minMs = spec.minDuration() == null ? 0 : spec.minDuration().toMillis();
        AlarmLifecycle lifecycle;
        if (previous != null) {
            lifecycle = previous.lifecycle();
            lifecycle.minDurationMs(minMs);
            lifecycle.flapPolicy(flap);
        } else {
            lifecycle = new AlarmLifecycle(ref.id() + "/" + spec.id(), clock, minMs, flap, ids);
        }
        ActiveAlarm stored = restored.remove(key(ref.id(), spec.id()));
        if (stored != null) {
            if (lifecycle.state() != AlarmLifecycle.State.RAISED) {
                lifecycle.restore(stored.alarmId(), stored.raisedWallMs(), stored.raisedMonoMs());
            } else if (!stored.alarmId().equals(lifecycle.alarmId())) {
                clearStored(slot, ref, spec, stored, "superseded by alarm " + lifecycle.alarmId());
            }
        }
        Optional<RuleEvaluator> ev;
        try {
            ev = RuleFactory.create(spec, lifecycle, clock, zone, ref.id());
        } catch (IllegalArgumentException e) {
            LOG.error("Device {}: rule {} cannot be evaluated: {}; skipped", ref.id(), spec.id(), e.getMessage());
            return Optional.empty();
        }
        if (previous != null) ev.ifPresent(e -> e.inherit(previous));
        return ev;
    }

    /** Clears a retired device's alarms after it was missing from the configuration for the grace period. */
    private void retire(DeviceSlot slot) {
        LOG.warn("Device {} is no longer configured: clearing its raised alarms and dropping its rules", slot.deviceId);
        for (RuleEvaluator ev : slot.evaluators.values()) {
            ev.lifecycle().forceClear("device no longer configured on this gateway")
                    .ifPresent(t -> emit(slot, slot.ref, ev.spec(), t));
        }
        slot.install(new LinkedHashMap<>());
        slot.built = false;
        slot.absentSinceMono = -1;
    }

    /**
     * Queues the clear of an alarm known only from the store (its rule or device is gone or superseded) on
     * the device's slot; without a slot (the device is gone) it goes to the sink at once (no lock is held).
     */
    private void clearStored(DeviceSlot slot, DeviceRef ref, AlarmRuleSpec spec, ActiveAlarm a, String why) {
        long wall = clock.wallMs();
        long mono = clock.monoMs();
        AlarmTransition clear = new AlarmTransition(a.alarmId(), a.deviceId(), a.ruleId(), false, a.severity(),
                spec == null ? null : spec.caseType(), ref == null ? null : ref.coverage(), a.raisedWallMs(),
                a.raisedMonoMs(), "cleared: " + why, List.of(), wall, mono);
        if (slot == null) {
            sink.accept(clear);
        } else {
            slot.pending.add(() -> sink.accept(clear));
        }
    }

    /**
     * Queues a transition on its device's slot (called holding the slot's lock); {@link #deliver} runs it
     * after the lock is released: local actions first (raise and re-assert), then the sink (raise and clear).
     */
    private void emit(DeviceSlot slot, DeviceRef ref, AlarmRuleSpec spec, Transition t) {
        slot.pending.add(() -> {
            if (t.type() != Transition.Type.CLEAR) actions.onRaise(ref, spec);
            if (t.type() == Transition.Type.REASSERT) return;
            boolean raised = t.type() == Transition.Type.RAISE;
            String title = spec.title();
            String message = (raised ? title : "cleared: " + title) + (t.detail() == null ? "" : " (" + t.detail() + ")");
            String severity = spec.severity() == null ? "MAJOR" : spec.severity().name();
            sink.accept(new AlarmTransition(t.alarmId(), ref.id(), spec.id(), raised, severity, spec.caseType(),
                    ref.coverage(), t.raisedWallMs(), t.raisedMonoMs(), message, t.readings(), t.wallMs(), t.monoMs()));
        });
    }

    /**
     * Runs a slot's queued transitions, in order, outside its lock. A local action may wait seconds for a
     * bus whose thread is at that moment delivering a reading of the same device: that thread must not block
     * on the lock (or here), so whoever finds the slot already being delivered leaves its transitions to the
     * thread doing it and returns. One deliverer at a time keeps a device's raise before its clear.
     */
    private void deliver(DeviceSlot slot) {
        while (!slot.pending.isEmpty() && slot.delivering.compareAndSet(false, true)) {
            try {
                Runnable next;
                while ((next = slot.pending.poll()) != null) {
                    try {
                        next.run();
                    } catch (RuntimeException e) {
                        LOG.error("Delivering an alarm transition of {} failed", slot.deviceId, e);
                    }
                }
            } finally {
                slot.delivering.set(false);
            }
        }
    }

    private static String key(String deviceId, String ruleId) {
        return deviceId + "\n" + ruleId;
    }

    /** Device ids with rules, for diagnostics. */
    List<String> devices() {
        return new ArrayList<>(slots.keySet());
    }
}
