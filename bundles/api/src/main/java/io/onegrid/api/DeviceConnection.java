package io.onegrid.api;

import java.util.List;

/** An open connection to one device. Not thread-safe: the poller calls it from the device's bus queue only. */
public interface DeviceConnection extends AutoCloseable {
    /** Whether the poller should call {@link #poll()} on a schedule (false for interrupt-driven inputs). */
    boolean polled();

    /** Reads every polled channel of the device, in as few requests as the register map allows. */
    List<Reading> poll() throws DriverException;

    /** Writes an output channel (siren, relay, LED). */
    void write(String channel, Object value) throws DriverException;

    @Override
    void close();
}
