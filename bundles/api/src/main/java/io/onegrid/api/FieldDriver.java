package io.onegrid.api;

import io.onegrid.profile.DeviceProfile;

/**
 * One field protocol (Modbus TCP, GPIO, ...), registered as an OSGi service with property
 * {@code onegrid.protocol} equal to {@link #protocol()}. The poller resolves each device's profile once and
 * hands it over: a driver does I/O and never looks a profile up or re-checks its protocol. Turning raw
 * values into readings (scale, offset, word and byte order, bits, enum labels) is shared code in
 * {@code io.onegrid.profile.values}, so every protocol treats a value the same way.
 */
public interface FieldDriver {
    /** Service property naming the protocol a driver serves. */
    String PROTOCOL_PROPERTY = "onegrid.protocol";

    /** The profile protocol this driver serves, for example "modbus-tcp" or "gpio". */
    String protocol();

    /**
     * Opens a connection to a device. Interrupt-driven inputs push their readings into {@code sink} from
     * the driver's own thread; polled channels are read by {@link DeviceConnection#poll()}.
     *
     * @param profile the device's profile, already resolved; its protocol is {@link #protocol()}
     */
    DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException;
}
