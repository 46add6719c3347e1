package io.onegrid.gateway.config;

/** The Configuration Admin PIDs the gateway's components read (the shared contract) and our marker key. */
public final class Pids {
    public static final String UPLINK = "io.onegrid.uplink";
    public static final String OUTBOX = "io.onegrid.outbox";
    public static final String GPIO = "io.onegrid.gpio";
    public static final String PROFILES = "io.onegrid.profiles";
    /** Factory PID: one configuration per device, named by the device id. */
    public static final String DEVICE_FACTORY = "io.onegrid.device";
    /** Factory PID: one configuration per physical Modbus RTU bus, named by the bus name ({@link BusKeys}). */
    public static final String BUS_FACTORY = "io.onegrid.driver.modbus.bus";

    /**
     * Private property (leading dot: never a service property) naming the file a configuration came from,
     * so the loader only ever deletes configurations it created.
     */
    public static final String SOURCE = ".onegrid.source";

    private Pids() {
    }
}
