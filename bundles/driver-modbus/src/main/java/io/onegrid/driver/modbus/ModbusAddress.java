package io.onegrid.driver.modbus;

import io.onegrid.api.DriverException;

/**
 * Where a Modbus TCP device answers: "host:port/unitId", for example "127.0.0.1:5020/1" or
 * "[fe80::1]:502/3". The unit id selects a slave behind a TCP gateway (0..255).
 */
public record ModbusAddress(String host, int port, int unitId) {
    private static final String SHAPE = "expected host:port/unitId, for example 127.0.0.1:502/1";

    /** The key devices sharing one TCP connection have in common. */
    public String endpoint() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    public static ModbusAddress parse(String address) throws DriverException {
        if (address == null || address.isBlank()) {
            throw bad(address, "the address is empty");
        }
        String text = address.trim();
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            throw bad(address, "the unit id is missing");
        }
        int unitId = number(address, text.substring(slash + 1), "unit id", 0, 255);
        String hostPort = text.substring(0, slash);
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw bad(address, "an IPv6 host must be written [host]:port");
            }
            host = hostPort.substring(1, close);
            portText = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw bad(address, "the port is missing");
            }
            host = hostPort.substring(0, colon);
            portText = hostPort.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw bad(address, "an IPv6 host must be written [host]:port");
            }
        }
        if (host.isBlank()) {
            throw bad(address, "the host is missing");
        }
        int port = number(address, portText, "port", 1, 65535);
        return new ModbusAddress(host, port, unitId);
    }

    private static int number(String address, String text, String what, int min, int max) throws DriverException {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw bad(address, "the " + what + " " + value + " is outside " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(address, "the " + what + " '" + text + "' is not a number");
        }
    }

    private static DriverException bad(String address, String problem) {
        return new DriverException(DriverException.Code.BAD_ADDRESS,
                "bad Modbus TCP address '" + address + "': " + problem + " (" + SHAPE + ")");
    }
}
