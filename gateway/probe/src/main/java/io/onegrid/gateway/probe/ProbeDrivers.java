package io.onegrid.gateway.probe;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.driver.coap.CoapDriver;
import io.onegrid.driver.coap.CoapSettings;
import io.onegrid.driver.modbus.BusSettings;
import io.onegrid.driver.modbus.ModbusRtuDriver;
import io.onegrid.driver.modbus.ModbusTcpDriver;
import io.onegrid.driver.modbus.RtuBus;
import io.onegrid.driver.modbus.ReadPlanner;
import io.onegrid.profile.DeviceProfile;
import java.util.List;

/**
 * Opens the gateway's own driver for a probe URI, as plain classes (no OSGi): the same code that reads the
 * device once it is configured, so what the probe shows is what the gateway will see.
 */
final class ProbeDrivers {
    static final String DEVICE_ID = "probe";
    /** The name of the probe's one bus, as errors show it. */
    private static final String BUS = "probe";

    private ProbeDrivers() { }

    static ProbeTarget open(ProbeUri uri, DeviceProfile profile) throws ProbeUsageException {
        if (!uri.scheme().reads(profile.protocol())) {
            throw new ProbeUsageException("profile " + profile.id() + " speaks " + profile.protocol() + ", which "
                    + uri.scheme().text + " cannot reach; use " + schemesFor(profile.protocol()));
        }
        return switch (uri.scheme()) {
            case MODBUS_TCP -> {
                ModbusTcpDriver driver = new ModbusTcpDriver(GatewayClock.SYSTEM, new ReadPlanner());
                DeviceRef ref = new DeviceRef(DEVICE_ID, profile.id(), uri.host() + ":" + uri.port() + "/" + uri.unit(),
                        null, null, null);
                yield new ProbeTarget(driver, ref, driver);
            }
            case MODBUS_RTU, MODBUS_RTU_TCP -> rtu(uri, profile);
            case COAP, COAPS -> {
                // a probe URI is a CoAP device address as the configuration file takes it
                CoapDriver driver = new CoapDriver(CoapSettings.defaults(), GatewayClock.SYSTEM);
                yield new ProbeTarget(driver, new DeviceRef(DEVICE_ID, profile.id(), uri.text(), null, null, null), driver);
            }
            default -> throw new ProbeUsageException(uri.scheme().text + " is not available in this build");
        };
    }

    /** The gateway's RTU driver on a bus of its own: the serial line (or serial server) the URI names. */
    private static ProbeTarget rtu(ProbeUri uri, DeviceProfile profile) throws ProbeUsageException {
        BusSettings settings;
        try {
            if (uri.scheme() == ProbeUri.Scheme.MODBUS_RTU) {
                BusSettings.Parity parity = BusSettings.Parity.of(BUS, uri.get("parity", "N"));
                int baud = uri.query().containsKey("baud") ? uri.integer("baud", 300, 4_000_000) : BusSettings.DEFAULT_BAUD;
                settings = BusSettings.serial(BUS, uri.path(), baud, parity);
                if (uri.query().containsKey("data-bits") || uri.query().containsKey("stop-bits")) {
                    int dataBits = uri.query().containsKey("data-bits") ? uri.integer("data-bits", 7, 8) : 8;
                    int stopBits = uri.query().containsKey("stop-bits") ? uri.integer("stop-bits", 1, 2) : 1;
                    settings = new BusSettings(BUS, settings.kind(), settings.port(), null, 0, baud, parity, dataBits, stopBits,
                            settings.timeoutMs(), settings.retries(), 0, settings.maxRegisters(), settings.maxGapRegisters());
                }
            } else {
                settings = BusSettings.overTcp(BUS, uri.host(), uri.port());
            }
            int timeoutMs = uri.query().containsKey("timeout") ? uri.integer("timeout", 10, 60_000)
                    : (int) Math.min(60_000, Math.max(10, profile.timeout() == null ? BusSettings.DEFAULT_TIMEOUT_MS
                    : profile.timeout().toMillis()));
            settings = settings.withTiming(timeoutMs, BusSettings.DEFAULT_RETRIES);
        } catch (IllegalArgumentException e) {
            throw new ProbeUsageException(e.getMessage().replace("bus " + BUS + ": ", "") + " (in " + uri.text() + ")");
        }
        RtuBus bus = RtuBus.open(settings);
        ModbusRtuDriver driver = ModbusRtuDriver.of(GatewayClock.SYSTEM, List.of(bus));
        DeviceRef ref = new DeviceRef(DEVICE_ID, profile.id(), String.valueOf(uri.unit()), BUS, null, null);
        return new ProbeTarget(driver, ref, driver);
    }

    private static String schemesFor(String protocol) {
        StringBuilder out = new StringBuilder();
        for (ProbeUri.Scheme s : ProbeUri.Scheme.values()) {
            if (s.reads(protocol)) out.append(out.length() == 0 ? "" : " or ").append(s.text).append("://");
        }
        return out.length() == 0 ? "another tool (the probe reads Modbus and CoAP devices)" : out.toString();
    }
}
