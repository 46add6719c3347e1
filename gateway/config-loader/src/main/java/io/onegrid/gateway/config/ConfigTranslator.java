package io.onegrid.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a parsed configuration file into Configuration Admin properties, exactly as the components'
 * contracts name them. Settings the file leaves out are left out here too, so each component's own
 * documented default applies; the only derived values are the outbox path (storage dir + outbox.db) and
 * the MQTT username (the gateway id unless the file names another). The hub secret itself never goes in:
 * Configuration Admin keeps its configurations in a plain file, so the uplink gets the path of a file
 * holding the secret ({@link PasswordFileStore} makes it), and that file's stamp.
 */
public final class ConfigTranslator {
    private ConfigTranslator() {
    }

    /**
     * @param password where the hub secret is ({@link PasswordFileStore#prepare}); null only when the file
     *                 gives no password
     * @throws IllegalArgumentException when the file gives a password but {@code password} is null, so a
     *                                  caller cannot silently drop the gateway's credentials
     */
    public static DesiredConfigurations translate(GatewayConfig config, PasswordFile password, String source) {
        if (password == null && config.hub().hasPassword()) {
            throw new IllegalArgumentException("the hub password must be put in a file first (PasswordFileStore)");
        }
        Map<String, Map<String, Object>> singletons = new LinkedHashMap<>();
        singletons.put(Pids.UPLINK, uplink(config, password, source));
        singletons.put(Pids.OUTBOX, outbox(config, source));
        singletons.put(Pids.GPIO, gpio(config, source));
        singletons.put(Pids.PROFILES, profiles(config, source));
        Map<String, Map<String, Object>> buses = new LinkedHashMap<>();
        for (GatewayConfig.Bus b : config.buses()) {
            buses.put(b.name(), bus(b, source));
        }
        Map<String, Map<String, Object>> devices = new LinkedHashMap<>();
        for (GatewayConfig.Device d : config.devices()) {
            devices.put(d.id(), device(d, source));
        }
        return new DesiredConfigurations(singletons, buses, devices);
    }

    private static Map<String, Object> uplink(GatewayConfig config, PasswordFile password, String source) {
        GatewayConfig.Hub hub = config.hub();
        Map<String, Object> p = base(source);
        p.put("gatewayId", config.gatewayId());
        p.put("hubUri", hub.uri());
        p.put("username", hub.username() != null ? hub.username() : config.gatewayId());
        if (password != null) {
            p.put("passwordFile", password.path().toString());
            p.put("passwordStamp", password.stamp());
        }
        putIfSet(p, "keepAliveSeconds", hub.keepAliveSeconds());
        putIfSet(p, "healthIntervalSeconds", hub.healthIntervalSeconds());
        if (hub.truststorePath() != null) p.put("truststorePath", hub.truststorePath().toString());
        if (hub.clientCertificate() != null) {
            p.put("clientCertificatePath", hub.clientCertificate().certificate().toString());
            p.put("clientKeyPath", hub.clientCertificate().key().toString());
            p.put("clientCertificateStamp", stamp(hub.clientCertificate()));
        }
        return p;
    }

    /** Changes when provisioning writes a renewed certificate or key to the same paths, so the uplink restarts with it. */
    private static String stamp(GatewayConfig.ClientCertificate c) {
        try {
            return PasswordFileStore.stamp(c.certificate()) + "/" + PasswordFileStore.stamp(c.key());
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    private static Map<String, Object> outbox(GatewayConfig config, String source) {
        Map<String, Object> p = base(source);
        p.put("path", config.storage().outboxPath().toString());
        putIfSet(p, "maxBytes", config.storage().maxBytes());
        putIfSet(p, "commitIntervalMs", config.storage().commitIntervalMs());
        putIfSet(p, "quarantineMaxBytes", config.storage().quarantineMaxBytes());
        return p;
    }

    private static Map<String, Object> gpio(GatewayConfig config, String source) {
        Map<String, Object> p = base(source);
        if (config.gpio() != null) {
            putIfSet(p, "backend", config.gpio().backend());
            putIfSet(p, "simulatorAddress", config.gpio().simulatorAddress());
        }
        return p;
    }

    private static Map<String, Object> profiles(GatewayConfig config, String source) {
        Map<String, Object> p = base(source);
        p.put("directory", config.profilesDirectory() == null ? "" : config.profilesDirectory().toString());
        return p;
    }

    /** The bus component's contract: String and Integer properties named as in the file ({@link BusKeys}). */
    private static Map<String, Object> bus(GatewayConfig.Bus b, String source) {
        Map<String, Object> p = base(source);
        p.put(BusKeys.NAME, b.name());
        p.put(BusKeys.KIND, b.kind());
        putIfSet(p, BusKeys.PORT, b.port());
        putIfSet(p, BusKeys.HOST, b.host());
        putIfSet(p, BusKeys.TCP_PORT, b.tcpPort());
        putIfSet(p, BusKeys.BAUD, b.baud());
        putIfSet(p, BusKeys.PARITY, b.parity());
        putIfSet(p, BusKeys.DATA_BITS, b.dataBits());
        putIfSet(p, BusKeys.STOP_BITS, b.stopBits());
        putIfSet(p, BusKeys.TIMEOUT_MS, b.timeoutMs());
        putIfSet(p, BusKeys.RETRIES, b.retries());
        putIfSet(p, BusKeys.FRAME_GAP_MS, b.frameGapMs());
        putIfSet(p, BusKeys.MAX_REGISTERS, b.maxRegisters());
        putIfSet(p, BusKeys.MAX_GAP_REGISTERS, b.maxGapRegisters());
        return p;
    }

    private static Map<String, Object> device(GatewayConfig.Device d, String source) {
        Map<String, Object> p = base(source);
        p.put("deviceId", d.id());
        p.put("profile", d.profile());
        p.put("address", d.address());
        putIfSet(p, "bus", d.bus());
        putIfSet(p, "site", d.site());
        putIfSet(p, "unit", d.unit());
        putIfSet(p, "area", d.area());
        putIfSet(p, "residentId", d.residentId());
        p.put("overrides", d.overrides().toArray(new String[0]));
        return p;
    }

    private static Map<String, Object> base(String source) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(Pids.SOURCE, source);
        return p;
    }

    private static void putIfSet(Map<String, Object> p, String key, Object value) {
        if (value != null) p.put(key, value);
    }
}
