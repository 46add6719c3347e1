package io.onegrid.api;

/**
 * How well the gateway talks to one device, as the heartbeat reports it: {@code OK} answering; {@code DEGRADED}
 * answering, but its latest attempts failed (fewer in a row than make it offline); {@code DOWN} in communication
 * fault; {@code UNKNOWN} not connected yet (starting, waiting for its driver or profile).
 */
public enum CommState {
    OK, DEGRADED, DOWN, UNKNOWN;

    /** Whether a device in this state counts as online ({@link DeviceRegistry#online}). */
    public boolean online() {
        return this == OK || this == DEGRADED;
    }
}
