package io.onegrid.poller;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A scriptable field driver: per device, what a poll does; logs connects, polls, writes and closes. */
final class FakeDriver implements FieldDriver {
    @FunctionalInterface
    interface PollScript {
        List<Reading> poll(DeviceRef device) throws DriverException;
    }

    final String protocol;
    final GatewayClock clock;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Map<String, PollScript> scripts = new ConcurrentHashMap<>();
    final Map<String, ReadingSink> sinks = new ConcurrentHashMap<>();
    final Map<String, DriverException> connectFailures = new ConcurrentHashMap<>();
    volatile boolean polled = true;

    FakeDriver(String protocol, GatewayClock clock) {
        this.protocol = protocol;
        this.clock = clock;
    }

    /** The default script: one GOOD reading "level" = 1.0. */
    List<Reading> defaultPoll(DeviceRef device) {
        return List.of(Reading.good(device.id(), "level", 1.0, "m", clock));
    }

    List<String> entries(String prefix) {
        synchronized (log) {
            return log.stream().filter(e -> e.startsWith(prefix)).toList();
        }
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public DeviceConnection connect(DeviceRef device, io.onegrid.profile.DeviceProfile profile, ReadingSink sink) throws DriverException {
        log.add("connect " + device.id() + " " + device.address());
        DriverException failure = connectFailures.get(device.id());
        if (failure != null) throw failure;
        sinks.put(device.id(), sink);
        boolean isPolled = polled;
        return new DeviceConnection() {
            @Override
            public boolean polled() {
                return isPolled;
            }

            @Override
            public List<Reading> poll() throws DriverException {
                log.add("poll " + device.id() + " @" + clock.monoMs());
                PollScript script = scripts.get(device.id());
                return script == null ? defaultPoll(device) : script.poll(device);
            }

            @Override
            public void write(String channel, Object value) {
                log.add("write " + device.id() + " " + channel + "=" + value);
            }

            @Override
            public void close() {
                log.add("close " + device.id() + " " + device.address());
            }
        };
    }
}
