package io.onegrid.sim.gpio;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.GpioPoint;
import io.onegrid.sim.device.SimDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All simulated GPIO lines and their electrical levels. Inputs follow their device's channel values
 * (set by the scenario); outputs are driven by clients with {@link #set}. The profile's active level
 * maps logical values to levels: an active-LOW smoke input reads 0 while there is smoke.
 */
public final class GpioLineBank {
    private static final Logger LOG = LoggerFactory.getLogger(GpioLineBank.class);

    /** One line's name and current electrical level. */
    public record Level(String name, int level) { }

    private final Map<String, GpioLine> lines = new LinkedHashMap<>();
    private final Map<String, Integer> levels = new LinkedHashMap<>();
    private final Map<String, SimDevice> devices = new LinkedHashMap<>();
    private final List<LineObserver> observers = new CopyOnWriteArrayList<>();

    /** Adds the lines of one GPIO device: channel id → line name. */
    public synchronized void bind(SimDevice device, Map<String, String> channelLines) {
        channelLines.forEach((channelId, lineName) -> {
            ChannelSpec channel = device.channel(channelId);
            GpioPoint point = channel.gpio();
            if (point == null) {
                throw new IllegalArgumentException("channel " + channelId + " of " + device.id() + " is not a GPIO line");
            }
            if (lines.containsKey(lineName)) {
                throw new IllegalArgumentException("GPIO line " + lineName + " is bound twice");
            }
            GpioLine line = new GpioLine(lineName, device.id(), channelId,
                    point.direction() == null ? GpioPoint.Direction.IN : point.direction(),
                    point.activeLevel() == null ? GpioPoint.Level.HIGH : point.activeLevel());
            lines.put(lineName, line);
            levels.put(lineName, line.levelOf(Boolean.TRUE.equals(device.value(channelId))));
        });
        devices.put(device.id(), device);
        device.addListener((d, channelId, value) -> channelChanged(d, channelId, value, channelLines.get(channelId)));
    }

    /** Current levels of every line, in declaration order. */
    public synchronized List<Level> snapshot() {
        List<Level> out = new ArrayList<>();
        levels.forEach((name, level) -> out.add(new Level(name, level)));
        return out;
    }

    /**
     * Takes a snapshot and registers an observer atomically, so the observer sees the snapshot followed
     * by every later change, none missed and none reordered.
     */
    public synchronized List<Level> snapshotAndObserve(LineObserver observer) {
        observers.add(observer);
        return snapshot();
    }

    public void unobserve(LineObserver observer) {
        observers.remove(observer);
    }

    public synchronized Integer level(String name) {
        return levels.get(name);
    }

    /**
     * Drives an output line (a client's SET): records it on the device channel and broadcasts the level
     * to every observer, changed or not.
     *
     * @throws IllegalArgumentException with a sentence when the line is unknown or an input
     */
    public synchronized void set(String name, int level) {
        GpioLine line = lines.get(name);
        if (line == null) {
            throw new IllegalArgumentException("unknown line " + name);
        }
        if (line.direction() != GpioPoint.Direction.OUT) {
            throw new IllegalArgumentException("line " + name + " is an input; only outputs can be SET");
        }
        boolean changed = levels.get(name) != level;
        devices.get(line.deviceId()).set(line.channel(), line.logicalOf(level));
        if (!changed) {
            broadcast(name, level);
        }
    }

    private synchronized void channelChanged(SimDevice device, String channelId, Object value, String lineName) {
        GpioLine line = lineName == null ? null : lines.get(lineName);
        if (line == null || !(value instanceof Boolean logical)) {
            return;
        }
        int level = line.levelOf(logical);
        if (levels.put(lineName, level) == level) {
            return;
        }
        if (line.direction() == GpioPoint.Direction.OUT) {
            LOG.info("{} {} {}", channelId, lineName, logical ? "ON" : "OFF");
        }
        broadcast(lineName, level);
    }

    private void broadcast(String name, int level) {
        for (LineObserver observer : observers) {
            observer.line(name, level);
        }
    }
}
