package io.onegrid.poller;

import io.onegrid.api.CommState;
import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.Backoff;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured device: connects through its driver, polls on its bus queue at the profile's interval,
 * and backs off when it stops answering. Every connect, poll and write runs as a job on the bus queue, so
 * a device holds its bus for at most one driver call (bounded by the profile's timeout). A generation
 * number retires timers and queued jobs from before a driver change or removal.
 */
final class DeviceRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRuntime.class);

    /** What every device runtime shares with its poller. */
    record Env(Scheduler scheduler, GatewayClock clock, Supplier<PollerSettings> settings, Backoff backoff,
               ListenerFanout fanout) { }

    private final DeviceRef ref;
    private final DeviceProfile profile;
    private final BusQueue bus;
    private final Env env;

    private FieldDriver driver;                 // all fields below guarded by this
    private DeviceConnection connection;
    private long generation;
    private boolean stopped;
    private boolean jobPending;
    private Scheduler.Cancellable timer;
    private long dueMonoMs;
    private int failures;
    private boolean faulted;
    private boolean online;
    private String lastProblem;
    /** When (monotonic) the device last gave a usable reading; -1 before the first of this boot. */
    private long lastReadingMonoMs = -1;
    /** The latest reading of each channel this connection published, for listeners that register late. */
    private final Map<String, Reading> latest = new LinkedHashMap<>();

    DeviceRuntime(DeviceRef ref, DeviceProfile profile, BusQueue bus, Env env) {
        this.ref = ref;
        this.profile = profile;
        this.bus = bus;
        this.env = env;
    }

    DeviceRef ref() {
        return ref;
    }

    DeviceProfile profile() {
        return profile;
    }

    synchronized boolean online() {
        return online;
    }

    synchronized boolean faulted() {
        return faulted;
    }

    /**
     * The state for the heartbeat. Online with failures counted is DEGRADED: the device missed polls but not yet
     * as many as make it offline. Neither online nor in fault means it has not connected yet.
     */
    synchronized DeviceHealth health() {
        CommState state = faulted ? CommState.DOWN
                : online ? (failures > 0 ? CommState.DEGRADED : CommState.OK) : CommState.UNKNOWN;
        return new DeviceHealth(state, lastReadingMonoMs < 0 ? null : Math.max(0, env.clock().monoMs() - lastReadingMonoMs));
    }

    /** Takes over when the runtime this one replaces last had a reading: the device is the same, only reconfigured. */
    synchronized void inheritLastReading(DeviceRuntime retired) {
        lastReadingMonoMs = Math.max(lastReadingMonoMs, retired.lastReadingMonoMs());
    }

    private synchronized long lastReadingMonoMs() {
        return lastReadingMonoMs;
    }

    /**
     * Takes over the fault of the runtime this one replaces (same device, new configuration or profile),
     * so listeners that saw it go offline also see it come back.
     */
    synchronized void inheritFault(String reason) {
        faulted = true;
        failures = env.settings().get().failuresBeforeOffline();
        lastProblem = reason;
    }

    /** Why the device is not online, or null. */
    synchronized String problem() {
        return online ? null : lastProblem;
    }

    /** Uses {@code next} from now on (null: none available), dropping any connection of the old driver. */
    void useDriver(FieldDriver next) {
        DeviceConnection old;
        synchronized (this) {
            if (stopped || driver == next) {
                return;
            }
            old = connection;
            connection = null;
            driver = next;
            generation++;
            cancelTimer();
            jobPending = false;
            online = false;
            latest.clear();
            lastProblem = next == null ? "no driver for protocol " + profile.protocol() : null;
            if (next != null) {
                schedule(0);
            }
        }
        closeOnBus(old);
    }

    void stop() {
        DeviceConnection old;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            generation++;
            cancelTimer();
            old = connection;
            connection = null;
            driver = null;
            online = false;
            latest.clear();
        }
        closeOnBus(old);
    }

    /**
     * Tells a listener that registered after this device started what the others already know: that the
     * device is in fault (if it is) and the latest reading of each channel. An interrupt-driven input may not
     * change for days, so without this a listener that came up after the connect (edge rules start after the
     * outbox, the GPIO snapshot arrives at once) would not know that a smoke detector is in alarm. Runs on the
     * bus queue, in order with the device's own readings: the replay is never older than what the listener
     * already got (at worst it gets the newest reading twice, which every listener tolerates).
     */
    void replayTo(ReadingListener listener) {
        bus.submit(() -> {
            boolean inFault;
            String problem;
            List<Reading> readings;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                inFault = faulted;
                problem = lastProblem;
                readings = List.copyOf(latest.values());
            }
            env.fanout().replay(listener, ref, inFault, problem, readings);
        });
    }

    /** Writes through the bus queue (ahead of waiting polls), or at once when already on this bus's worker. */
    void write(String channel, Object value) throws DriverException {
        if (bus.isCurrentThread()) {
            connected().write(channel, value);
            return;
        }
        bus.callFirst("device " + ref.id(), "the write of " + channel, env.settings().get().writeWaitMs(), () -> {
            connected().write(channel, value);
            return null;
        });
    }

    /**
     * Reads every polled channel now, through the device's connection on its bus (ahead of waiting polls), for a
     * hub's read command. The readings go to the caller only: listeners get the scheduled polls as before.
     */
    List<Reading> readNow() throws DriverException {
        return bus.isCurrentThread() ? connected().poll()
                : bus.callFirst("device " + ref.id(), "the read", env.settings().get().writeWaitMs(), () -> connected().poll());
    }

    private synchronized DeviceConnection connected() throws DriverException {
        if (connection == null) {
            throw new DriverException(Code.NO_ROUTE, "device " + ref.id() + " is not connected"
                    + (lastProblem == null ? "" : " (" + lastProblem + ")"));
        }
        return connection;
    }

    private void schedule(long delayMs) { // holding this
        cancelTimer();
        long gen = generation;
        dueMonoMs = env.clock().monoMs() + delayMs;
        timer = env.scheduler().schedule(() -> enqueue(gen), delayMs);
    }

    private void cancelTimer() { // holding this
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void enqueue(long gen) {
        synchronized (this) {
            if (gen != generation || stopped || jobPending) {
                return;
            }
            jobPending = true;
        }
        bus.submit(() -> step(gen));
    }

    /** One turn on the bus: connect if not connected, otherwise poll. */
    private void step(long gen) {
        FieldDriver useDriver;
        DeviceConnection current;
        synchronized (this) {
            if (gen != generation || stopped || driver == null) {
                return; // a retired job: the pending flag belongs to the current generation's job
            }
            jobPending = false;
            useDriver = driver;
            current = connection;
        }
        if (current == null) {
            try {
                current = useDriver.connect(ref, profile, sink(gen));
            } catch (DriverException e) {
                failed(gen, e.code() + ": " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.error("driver {} failed to connect device {}", profile.protocol(), ref.id(), e);
                failed(gen, "driver error: " + e);
                return;
            }
            synchronized (this) {
                if (gen != generation || stopped) {
                    current.close();
                    return;
                }
                connection = current;
                if (current.polled()) {
                    // the first poll queues behind the other devices: one driver call per turn on the bus
                    schedule(0);
                    return;
                }
            }
            succeeded(gen, List.of(), false);
            return;
        }
        List<Reading> readings;
        try {
            readings = current.poll();
        } catch (DriverException e) {
            failed(gen, e.code() + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("driver {} failed to poll device {}", profile.protocol(), ref.id(), e);
            failed(gen, "driver error: " + e);
            return;
        }
        succeeded(gen, readings, true);
    }

    private ReadingSink sink(long gen) {
        return readings -> {
            if (readings == null || readings.isEmpty()) {
                return;
            }
            List<Reading> batch = List.copyOf(readings);
            bus.submit(() -> {
                synchronized (this) {
                    if (gen != generation || stopped) {
                        return;
                    }
                }
                publish(batch);
            });
        };
    }

    private void succeeded(long gen, List<Reading> readings, boolean polled) {
        boolean recovered;
        synchronized (this) {
            if (gen != generation || stopped) {
                return;
            }
            recovered = faulted;
            faulted = false;
            failures = 0;
            online = true;
            lastProblem = null;
            if (polled) {
                long interval = intervalMs();
                long now = env.clock().monoMs();
                schedule(Math.max(0, dueMonoMs + interval - now));
            }
        }
        if (recovered) {
            LOG.info("device {} is answering again", ref.id());
            env.fanout().communication(ref, false, "answering again");
        }
        if (!readings.isEmpty()) {
            publish(readings);
        }
    }

    private void failed(long gen, String reason) {
        boolean wentOffline = false;
        long delay;
        synchronized (this) {
            if (gen != generation || stopped) {
                return;
            }
            failures++;
            lastProblem = reason;
            PollerSettings settings = env.settings().get();
            if (!faulted && failures >= settings.failuresBeforeOffline()) {
                faulted = true;
                online = false;
                wentOffline = true;
            }
            delay = faulted
                    ? env.backoff().delayMs(intervalMs(), failures - settings.failuresBeforeOffline() + 1,
                            settings.maxBackoffMs(), settings.jitter())
                    : intervalMs();
            schedule(delay);
        }
        if (wentOffline) {
            LOG.warn("device {} is offline: {}", ref.id(), reason);
            env.fanout().communication(ref, true, reason);
            publish(badReadings(reason));
        } else {
            LOG.debug("device {} failed ({}), next attempt in {} ms", ref.id(), reason, delay);
        }
    }

    /** Hands a batch to every listener (on the bus thread), remembering each channel's latest reading. */
    private void publish(List<Reading> batch) {
        synchronized (this) {
            for (Reading r : batch) {
                latest.put(r.channel(), r);
                if (r.quality() != Quality.BAD) lastReadingMonoMs = env.clock().monoMs();
            }
        }
        env.fanout().publish(batch);
    }

    /** Readable channels as BAD saying why, so every listener learns at once that their last values are stale. */
    private List<Reading> badReadings(String reason) {
        List<Reading> bad = new ArrayList<>();
        for (ChannelSpec channel : profile.channels()) {
            if (channel.access() == null || channel.access().readable()) {
                bad.add(Reading.bad(ref.id(), channel.id(), channel.unit(), "device offline: " + reason, env.clock()));
            }
        }
        return bad;
    }

    private long intervalMs() {
        var interval = profile.pollInterval();
        return interval == null || interval.isZero() || interval.isNegative()
                ? env.settings().get().defaultIntervalMs() : interval.toMillis();
    }

    private void closeOnBus(DeviceConnection old) {
        if (old != null) {
            bus.submit(() -> {
                try {
                    old.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing the connection of device {} failed", ref.id(), e);
                }
            });
        }
    }
}
