package io.onegrid.api;

/**
 * One field protocol (Modbus TCP, GPIO, ...), registered as an OSGi service with property
 * {@code onegrid.protocol} equal to {@link #protocol()}. The driver looks the device's profile up itself.
 */
public interface FieldDriver {
    /** Service property naming the protocol a driver serves. */
    String PROTOCOL_PROPERTY = "onegrid.protocol";

    /** The profile protocol this driver serves, for example "modbus-tcp" or "gpio". */
    String protocol();

    /**
     * Opens a connection to a device. Interrupt-driven inputs push their readings into {@code sink} from
     * the driver's own thread; polled channels are read by {@link DeviceConnection#poll()}.
     */
    DeviceConnection connect(DeviceRef device, ReadingSink sink) throws DriverException;
}
