package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.ChannelWriter;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.DriverException;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import io.onegrid.api.Reading;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.profile.Access;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.LocalAction;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ReportSpec;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small in-test implementations of our own api contracts, all writing to one shared event log. */
final class Fakes {
    private Fakes() {
    }

    /** What happened, in order: "write dev/channel=value", "record raise|clear alarmId", "record-failed ...". */
    static final class EventLog {
        final List<String> events = new CopyOnWriteArrayList<>();

        void add(String e) {
            events.add(e);
        }
    }

    static final class Store implements AlarmStateStore {
        final EventLog log;
        final List<AlarmTransition> recorded = new CopyOnWriteArrayList<>();
        final List<OutboundMessage> messages = new CopyOnWriteArrayList<>();
        List<ActiveAlarm> active = new ArrayList<>();
        volatile boolean failing;
        /** Alarm ids whose transitions the store refuses (as a constraint violation would), however often tried. */
        final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<String> attempts = new CopyOnWriteArrayList<>();

        Store(EventLog log) {
            this.log = log;
        }

        @Override
        public List<ActiveAlarm> active() throws OutboxException {
            if (failing) throw new OutboxException(OutboxException.Code.IO, "disk gone", null);
            return List.copyOf(active);
        }

        @Override
        public void record(AlarmTransition t, OutboundMessage message) throws OutboxException {
            attempts.add(t.alarmId());
            if (refused.contains(t.alarmId())) {
                throw new OutboxException(OutboxException.Code.IO, "constraint failed for " + t.alarmId(), null);
            }
            if (failing) {
                log.add("record-failed " + (t.raised() ? "raise " : "clear ") + t.ruleId());
                throw new OutboxException(OutboxException.Code.IO, "disk gone", null);
            }
            log.add("record " + (t.raised() ? "raise " : "clear ") + t.ruleId());
            recorded.add(t);
            messages.add(message);
        }
    }

    static final class Encoder implements UplinkEncoder {
        /** Alarm ids the encoder cannot encode (as a transition the wire contract refuses). */
        final java.util.Set<String> unencodable = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public OutboundMessage alarm(AlarmTransition t) {
            if (unencodable.contains(t.alarmId())) throw new IllegalArgumentException("cannot encode " + t.alarmId());
            return new OutboundMessage(Priority.ALARM, "alarm", (t.alarmId() + ":" + t.raised()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public OutboundMessage telemetry(List<Reading> readings) {
            throw new UnsupportedOperationException("edge rules never send telemetry");
        }

        @Override
        public OutboundMessage event(GatewayEvent event) {
            throw new UnsupportedOperationException("edge rules never send events");
        }
    }

    static final class Writer implements ChannelWriter {
        final EventLog log;
        volatile boolean failing;

        Writer(EventLog log) {
            this.log = log;
        }

        @Override
        public void write(String deviceId, String channel, Object value) throws DriverException {
            if (failing) throw new DriverException(DriverException.Code.TIMEOUT, "no answer");
            log.add("write " + deviceId + "/" + channel + "=" + value);
        }
    }

    static final class Registry implements DeviceRegistry {
        final Map<String, DeviceRef> devices = new LinkedHashMap<>();

        Registry add(DeviceRef d) {
            devices.put(d.id(), d);
            return this;
        }

        @Override
        public Collection<DeviceRef> devices() {
            return List.copyOf(devices.values());
        }

        @Override
        public Optional<DeviceRef> device(String deviceId) {
            return Optional.ofNullable(devices.get(deviceId));
        }

        @Override
        public boolean online(String deviceId) {
            return true;
        }
    }

    static final class Catalog implements ProfileCatalog {
        final Map<String, DeviceProfile> profiles = new LinkedHashMap<>();

        Catalog add(DeviceProfile p) {
            profiles.put(p.id(), p);
            return this;
        }

        @Override
        public Optional<DeviceProfile> find(String profileId) {
            return Optional.ofNullable(profiles.get(profileId));
        }

        @Override
        public Collection<DeviceProfile> all() {
            return profiles.values();
        }
    }

    /**
     * Runs delay-0 tasks at once (like an idle executor) and keeps delayed ones until {@link #runDelayed},
     * which moves the test's clock to when the earliest is due, as the real timer would.
     */
    static final class Scheduler implements AlarmPersister.Scheduler {
        record Task(long dueMono, Runnable run) { }

        final FakeClock clock;
        final List<Task> delayed = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        Scheduler(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public void schedule(Runnable task, long delayMs) {
            if (delayMs == 0) {
                task.run();
            } else {
                delayed.add(new Task(clock.monoMs() + delayMs, task));
                delays.add(delayMs);
            }
        }

        /** Moves the clock to the earliest delayed task's time and runs every task due by then. */
        void runDelayed() {
            long due = delayed.stream().mapToLong(Task::dueMono).min().orElse(clock.monoMs());
            if (due > clock.monoMs()) clock.advance(Duration.ofMillis(due - clock.monoMs()));
            List<Task> now = delayed.stream().filter(t -> t.dueMono() <= clock.monoMs()).toList();
            delayed.removeAll(now);
            now.forEach(t -> t.run().run());
        }
    }

    // ---- profiles and devices like the demo catalog's ----

    static final Coverage FLAT_302 = new Coverage("bldg-7", "302", null, "res-302");

    static AlarmRuleSpec lowPressure() {
        return new AlarmRuleSpec("low-pressure", RuleKind.THRESHOLD, "pressure", null, null, 0.10, 0.02,
                Duration.ofSeconds(30), null, null, null, null, Severity.MAJOR, "fire.hydrant-pressure-low",
                "Hydrant pressure low", List.of());
    }

    static AlarmRuleSpec smoke() {
        return new AlarmRuleSpec("smoke", RuleKind.STATE, "smoke", Boolean.TRUE, null, null, null, null, null, null,
                null, null, Severity.CRITICAL, "fire.smoke", "Smoke detected",
                List.of(new LocalAction(null, "siren", Boolean.TRUE)));
    }

    static AlarmRuleSpec noActivity() {
        return new AlarmRuleSpec("no-activity", RuleKind.INACTIVITY, "door", null, null, null, null, null, null,
                Duration.ofHours(12), null, null, Severity.MAJOR, "welfare.no-activity", "No door activity", List.of());
    }

    /**
     * A profile with {@code rules} and the channels they watch and write, typed as the rules use them
     * (threshold and rate: a float; state, tamper, inactivity: like {@code equals}, else bool; action
     * targets: writable like their value), so overrides are checked against it as against a loaded profile.
     */
    static DeviceProfile profile(String id, String protocol, AlarmRuleSpec... rules) {
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        for (AlarmRuleSpec r : rules) {
            if (r.channel() != null) {
                DataType type = r.kind() == RuleKind.THRESHOLD || r.kind() == RuleKind.RATE ? DataType.FLOAT32
                        : typeOf(r.equals());
                channels.putIfAbsent(r.channel(), new ChannelSpec(r.channel(), r.channel(), null, type, Access.READ,
                        null, null, null));
            }
            for (LocalAction a : r.actions()) {
                channels.putIfAbsent(a.channel(), new ChannelSpec(a.channel(), a.channel(), null, typeOf(a.value()),
                        Access.WRITE, null, null, null));
            }
        }
        return new DeviceProfile(id, id, "test", "test", protocol, Duration.ofSeconds(10), Duration.ofSeconds(1),
                new ReportSpec(Map.of(), Duration.ofMinutes(5)), List.copyOf(channels.values()), List.of(rules),
                "test:" + id);
    }

    private static DataType typeOf(Object value) {
        if (value instanceof Double) return DataType.FLOAT32;
        if (value instanceof String) return DataType.STRING;
        return DataType.BOOL;
    }

    static DeviceProfile hydrantProfile() {
        return profile("hydrant-pressure-modbus", "modbus-tcp", lowPressure());
    }

    static DeviceProfile smokeProfile() {
        return profile("smoke-detector-gpio", "gpio", smoke());
    }

    static DeviceProfile doorProfile() {
        return profile("door-contact-gpio", "gpio", noActivity());
    }

    static DeviceRef device(String id, String profileId, Map<String, String> overrides) {
        return new DeviceRef(id, profileId, "127.0.0.1:5020/1", "tcp:127.0.0.1:5020", FLAT_302, overrides);
    }

    static Reading good(FakeClock clock, String device, String channel, Object value) {
        return Reading.good(device, channel, value, value instanceof Double ? "MPa" : null, clock);
    }
}
