package io.onegrid.sim.device;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One simulated device: the engineering value of every channel of its profile. Numeric channels may
 * carry noise on top of the value the scenario set; readers see the sum. Thread-safe: the timeline,
 * Modbus requests and GPIO clients touch it from different threads.
 */
public final class SimDevice {
    private final String id;
    private final DeviceProfile profile;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Double> noise = new LinkedHashMap<>();
    private final List<ChannelListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> readingObservers = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.NORMAL;

    public SimDevice(String id, DeviceProfile profile, Map<String, Object> initial) {
        this.id = Objects.requireNonNull(id);
        this.profile = Objects.requireNonNull(profile);
        for (ChannelSpec channel : profile.channels()) {
            Object value = initial.get(channel.id());
            values.put(channel.id(), value == null ? ChannelValues.defaultValue(channel)
                    : ChannelValues.coerce(channel, value));
        }
    }

    public String id() { return id; }

    public DeviceProfile profile() { return profile; }

    public ChannelSpec channel(String channelId) {
        return profile.channel(channelId).orElseThrow(() -> new IllegalArgumentException(
                "device " + id + " (profile " + profile.id() + ") has no channel '" + channelId + "'"));
    }

    /** The value a reader sees now: the set value plus any current noise. */
    public synchronized Object value(String channelId) {
        Object value = values.get(channel(channelId).id());
        Double delta = noise.get(channelId);
        if (delta != null && value instanceof Double d) {
            return d + delta;
        }
        return value;
    }

    /** The value the scenario (or a client) set, without noise. */
    public synchronized Object setValue(String channelId) {
        return values.get(channel(channelId).id());
    }

    /** Sets a channel and tells the listeners if it changed. */
    public void set(String channelId, Object value) {
        ChannelSpec channel = channel(channelId);
        Object coerced = ChannelValues.coerce(channel, value);
        Object old;
        synchronized (this) {
            old = values.put(channelId, coerced);
        }
        if (!coerced.equals(old)) {
            for (ChannelListener listener : listeners) {
                listener.changed(this, channelId, coerced);
            }
            readingObservers.forEach(Runnable::run);
        }
    }

    /** Sets the noise added to a numeric channel's value; only reading observers are told (pollers read anyway). */
    public void setNoise(String channelId, double delta) {
        synchronized (this) {
            noise.put(channel(channelId).id(), delta);
        }
        readingObservers.forEach(Runnable::run);
    }

    /** How the device answers requests now. */
    public Behaviour behaviour() {
        return behaviour;
    }

    public void behave(Behaviour next) {
        behaviour = Objects.requireNonNull(next);
    }

    /** Told after anything a reader could see changed, noise included (CoAP observers notify on it). */
    public void addReadingObserver(Runnable observer) {
        readingObservers.add(observer);
    }

    public void addListener(ChannelListener listener) {
        listeners.add(listener);
    }
}
