package io.onegrid.api;

/**
 * One device's communication as the gateway sees it at the moment it is asked.
 *
 * @param lastReadingAgeMs how long ago (monotonic clock) the device last gave a usable (not BAD) reading in this
 *                         boot; null when it has not. For interrupt-driven inputs that is the last change (or the
 *                         level reported on connect), so a large age alone is no fault.
 */
public record DeviceHealth(CommState state, Long lastReadingAgeMs) {
    /** A device the registry knows nothing more about. */
    public static final DeviceHealth UNKNOWN = new DeviceHealth(CommState.UNKNOWN, null);

    public DeviceHealth {
        if (state == null) throw new IllegalArgumentException("device health needs a state");
    }
}
