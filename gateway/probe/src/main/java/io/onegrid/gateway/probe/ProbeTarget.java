package io.onegrid.gateway.probe;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.FieldDriver;

/**
 * A driver opened for one probe and the device it reaches, as the gateway's poller would hand them over;
 * closing it closes the driver (its socket or serial line).
 */
record ProbeTarget(FieldDriver driver, DeviceRef device, AutoCloseable resources) implements AutoCloseable {
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            // closing a probe's line cannot fail in a way the installer could act on
        }
    }
}
