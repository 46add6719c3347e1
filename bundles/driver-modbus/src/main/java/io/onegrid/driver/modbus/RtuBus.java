package io.onegrid.driver.modbus;

import io.onegrid.driver.modbus.ModbusRoute.Endpoint;

/**
 * One declared Modbus RTU bus: its settings and the one open line every device on it shares. Registered as a service
 * by {@link ModbusBusComponent}; built directly by whoever runs the driver without OSGi (the installer's probe).
 */
public final class RtuBus implements AutoCloseable {
    private final BusSettings settings;
    private final RtuLink link;
    private final Endpoint endpoint;

    RtuBus(BusSettings settings, RtuLink link) {
        this.settings = settings;
        this.link = link;
        this.endpoint = new Endpoint(link, new ReadPlanner(settings.maxRegisters(), settings.maxGapRegisters(),
                ReadPlanner.DEFAULT_GAP_BITS), settings.timeoutMs(), settings.retries());
    }

    /** A bus over its own serial port or serial server connection, opened on the first request. */
    public static RtuBus open(BusSettings settings) {
        return new RtuBus(settings, RtuLink.of(settings));
    }

    public String name() {
        return settings.name();
    }

    public BusSettings settings() {
        return settings;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return settings.describe();
    }
}
