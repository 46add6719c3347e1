package io.onegrid.poller;

/**
 * Default bus names: devices on one bus share one serialized queue. Modbus TCP devices behind one
 * host:port share "tcp:host:port"; all GPIO lines share "gpio"; Modbus RTU devices whose address is
 * "port/unitId" share "serial:port". Anything else gets a queue of its own.
 */
final class BusNames {
    private BusNames() { }

    static String defaultBus(String protocol, String address) {
        if (protocol == null) {
            return "device:" + address;
        }
        return switch (protocol) {
            case "modbus-tcp" -> "tcp:" + beforeUnit(address);
            case "modbus-rtu" -> "serial:" + beforeUnit(address);
            case "gpio" -> "gpio";
            default -> protocol + ":" + address;
        };
    }

    private static String beforeUnit(String address) {
        int slash = address.lastIndexOf('/');
        return slash > 0 ? address.substring(0, slash).trim() : address.trim();
    }
}
