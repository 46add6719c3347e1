package io.onegrid.sim.device;

/** Told when a channel of a simulated device takes a new value (from the timeline, a client write or noise-free set). */
@FunctionalInterface
public interface ChannelListener {
    void changed(SimDevice device, String channel, Object value);
}
