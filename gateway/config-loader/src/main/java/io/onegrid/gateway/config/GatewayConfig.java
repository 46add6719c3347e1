package io.onegrid.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The installer-facing gateway configuration file, parsed and validated. Optional settings are null when
 * the file leaves them out, so the components' own documented defaults apply. Paths are absolute
 * (relative paths in the file are resolved against the working directory).
 */
public record GatewayConfig(String gatewayId, Hub hub, Storage storage, Gpio gpio, Path profilesDirectory,
                            List<Bus> buses, List<Device> devices) {
    public GatewayConfig {
        buses = List.copyOf(buses);
        devices = List.copyOf(devices);
    }

    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * The hub connection: broker URI, MQTT credentials (username defaults to the gateway id), timers, TLS.
     * The secret is given one way or neither: {@code password} (inline in the file) or {@code passwordFile}
     * (a file checked to be readable and non-empty; its content is read by the uplink, not kept here).
     */
    /** The gateway's client certificate (PEM) and its PKCS#8 PEM key, for mutual TLS with the hub. */
    public record ClientCertificate(Path certificate, Path key) { }

    public record Hub(String uri, String username, Secret password, Path passwordFile, Integer keepAliveSeconds,
                      Integer healthIntervalSeconds, Path truststorePath, ClientCertificate clientCertificate) {
        public Hub {
            if (password != null && passwordFile != null) {
                throw new IllegalArgumentException("hub password and passwordFile are exclusive");
            }
        }

        /** Without a client certificate. */
        public Hub(String uri, String username, Secret password, Path passwordFile, Integer keepAliveSeconds,
                   Integer healthIntervalSeconds, Path truststorePath) {
            this(uri, username, password, passwordFile, keepAliveSeconds, healthIntervalSeconds, truststorePath, null);
        }

        public boolean hasPassword() {
            return password != null || passwordFile != null;
        }
    }

    /**
     * Where the gateway keeps its state: the folder holding outbox.db, and outbox limits (null: the outbox's default).
     * {@code quarantineMaxBytes} bounds the messages the hub refused for good, kept for diagnosis and replay.
     */
    public record Storage(Path dir, Long maxBytes, Long commitIntervalMs, Long quarantineMaxBytes) {
        public static final String OUTBOX_FILE = "outbox.db";

        public Path outboxPath() {
            return dir.resolve(OUTBOX_FILE);
        }
    }

    /** Which GPIO backend drives the pins: "pi4j" (real lines) or "simulator" (TCP client of the simulator). */
    public record Gpio(String backend, String simulatorAddress) {
    }

    /**
     * One physical Modbus RTU bus from {@code buses:} ({@link BusKeys} names its settings): a serial line
     * ({@code kind} rtu, {@code port}) or RTU frames over a TCP serial server ({@code kind} rtu-tcp,
     * {@code host}, {@code tcpPort}). Settings the file leaves out are null, so the driver's defaults apply.
     */
    public record Bus(String name, String kind, String port, String host, Integer tcpPort, Integer baud,
                      String parity, Integer dataBits, Integer stopBits, Integer timeoutMs, Integer retries,
                      Integer frameGapMs, Integer maxRegisters, Integer maxGapRegisters) {
    }

    /**
     * One device instance: which profile it follows, where it is reached (for a device on a bus: its unit
     * id), which bus it is on (a name from {@code buses:}; null: the poller's default queue), what it
     * covers, and per-instance overrides as "rule.parameter=value" strings.
     */
    public record Device(String id, String profile, String address, String bus, String site, String unit,
                         String area, String residentId, List<String> overrides) {
        public Device {
            overrides = List.copyOf(overrides);
        }
    }
}
