package io.onegrid.sim.device;

/** Told when a channel of a simulated device takes a new value (a timeline step or a client write); noise changes are not reported. */
@FunctionalInterface
public interface ChannelListener {
    void changed(SimDevice device, String channel, Object value);
}
