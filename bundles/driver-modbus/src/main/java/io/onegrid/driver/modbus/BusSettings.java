package io.onegrid.driver.modbus;

import java.util.Locale;

/**
 * One physical Modbus RTU bus (factory configuration {@value ModbusBusComponent#FACTORY_PID}, one per entry of the
 * gateway file's {@code buses:}): a serial line ({@link Kind#RTU}) or RTU frames through a TCP serial server at the
 * riser ({@link Kind#RTU_TCP}), its line settings, and how requests on it are timed and grouped. The compact
 * constructor checks every value and says what is wrong in one sentence naming the bus.
 *
 * @param timeoutMs       response timeout of one request
 * @param retries         re-sends after a timeout or a damaged answer before the channels read BAD
 * @param frameGapMs      silence before each request; 0 = 3.5 characters at the baud rate (1.75 ms above 19200)
 * @param maxRegisters    the largest read request, 1..125 registers
 * @param maxGapRegisters unused registers one request may read through to merge two runs
 */
public record BusSettings(String name, Kind kind, String port, String host, int tcpPort, int baud, Parity parity,
                          int dataBits, int stopBits, int timeoutMs, int retries, int frameGapMs, int maxRegisters,
                          int maxGapRegisters) {
    public static final int DEFAULT_BAUD = 9600;
    public static final int DEFAULT_TIMEOUT_MS = 1000;
    public static final int DEFAULT_RETRIES = 1;

    /** How frames reach the slaves. */
    public enum Kind {
        RTU("rtu"), RTU_TCP("rtu-tcp");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Kind of(String bus, String text) {
            for (Kind k : values()) {
                if (k.key.equalsIgnoreCase(text == null ? "" : text.trim())) return k;
            }
            throw new IllegalArgumentException("bus " + bus + ": kind '" + text + "' is not rtu or rtu-tcp");
        }
    }

    public enum Parity {
        NONE('N'), EVEN('E'), ODD('O');

        private final char letter;

        Parity(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }

        /** none|even|odd, or the letter N|E|O of the 8N1 notation (probe URIs). */
        public static Parity of(String bus, String text) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            for (Parity p : values()) {
                if (p.name().equals(t) || (t.length() == 1 && t.charAt(0) == p.letter)) return p;
            }
            throw new IllegalArgumentException("bus " + bus + ": parity '" + text + "' is not none, even or odd");
        }
    }

    public BusSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a bus has no name (devices name their bus with bus: NAME)");
        }
        name = name.trim();
        if (kind == null) throw new IllegalArgumentException("bus " + name + " has no kind (rtu or rtu-tcp)");
        if (parity == null) parity = Parity.NONE;
        if (kind == Kind.RTU && (port == null || port.isBlank())) {
            throw new IllegalArgumentException("bus " + name + " is kind rtu but has no port (a serial device such as /dev/ttyUSB0)");
        }
        if (kind == Kind.RTU_TCP && (host == null || host.isBlank())) {
            throw new IllegalArgumentException("bus " + name + " is kind rtu-tcp but has no host (the serial server's address)");
        }
        if (kind == Kind.RTU_TCP) range(name, "tcpPort", tcpPort, 1, 65535);
        range(name, "baud", baud, 300, 4_000_000);
        range(name, "dataBits", dataBits, 7, 8);
        range(name, "stopBits", stopBits, 1, 2);
        range(name, "timeoutMs", timeoutMs, 10, 60_000);
        range(name, "retries", retries, 0, 5);
        range(name, "frameGapMs", frameGapMs, 0, 1000);
        range(name, "maxRegisters", maxRegisters, 1, ReadPlanner.MAX_REGISTERS);
        range(name, "maxGapRegisters", maxGapRegisters, 0, ReadPlanner.MAX_REGISTERS);
        port = port == null || port.isBlank() ? null : port.trim();
        host = host == null || host.isBlank() ? null : host.trim();
    }

    /** A serial bus with the defaults (9600 8N1, 1 s timeout, one retry, 125 registers, gaps of 8). */
    public static BusSettings serial(String name, String port, int baud, Parity parity) {
        return new BusSettings(name, Kind.RTU, port, null, 0, baud, parity, 8, 1, DEFAULT_TIMEOUT_MS, DEFAULT_RETRIES, 0,
                ReadPlanner.MAX_REGISTERS, ReadPlanner.DEFAULT_GAP_REGISTERS);
    }

    /** A bus behind a TCP serial server, with the defaults of {@link #serial}. */
    public static BusSettings overTcp(String name, String host, int tcpPort) {
        return new BusSettings(name, Kind.RTU_TCP, null, host, tcpPort, DEFAULT_BAUD, Parity.NONE, 8, 1, DEFAULT_TIMEOUT_MS,
                DEFAULT_RETRIES, 0, ReadPlanner.MAX_REGISTERS, ReadPlanner.DEFAULT_GAP_REGISTERS);
    }

    /** The same bus with another response timeout and retry count. */
    public BusSettings withTiming(int timeoutMs, int retries) {
        return new BusSettings(name, kind, port, host, tcpPort, baud, parity, dataBits, stopBits, timeoutMs, retries,
                frameGapMs, maxRegisters, maxGapRegisters);
    }

    static BusSettings of(BusConfig c) {
        String name = c.name();
        return new BusSettings(name, Kind.of(name, c.kind()), c.port(), c.host(), c.tcpPort(), c.baud(),
                Parity.of(name, c.parity()), c.dataBits(), c.stopBits(), c.timeoutMs(), c.retries(), c.frameGapMs(),
                c.maxRegisters(), c.maxGapRegisters());
    }

    /** Bits on the wire per character: start, data, parity, stop. */
    public int bitsPerCharacter() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /**
     * The silence that ends a frame and must precede the next: frameGapMs if set, else 3.5 character times, fixed at
     * 1.75 ms above 19200 baud as the Modbus serial line specification recommends.
     */
    public long frameGapNanos() {
        if (frameGapMs > 0) return frameGapMs * 1_000_000L;
        if (baud > 19200) return 1_750_000L;
        return (long) Math.ceil(3.5 * bitsPerCharacter() * 1e9 / baud);
    }

    /** For messages: "riser-a (/dev/ttyUSB0 9600 8N1)". */
    public String describe() {
        String line = kind == Kind.RTU ? port + " " + baud + " " + dataBits + parity.letter() + stopBits
                : "rtu-tcp " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + tcpPort;
        return name + " (" + line + ")";
    }

    private static void range(String bus, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("bus " + bus + ": " + key + " " + value + " is outside " + min + ".." + max);
        }
    }
}
