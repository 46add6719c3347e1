package io.onegrid.gateway.probe;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.driver.coap.CoapDriver;
import io.onegrid.driver.coap.CoapSettings;
import io.onegrid.driver.modbus.ModbusTcpDriver;
import io.onegrid.driver.modbus.ReadPlanner;
import io.onegrid.profile.DeviceProfile;

/**
 * Opens the gateway's own driver for a probe URI, as plain classes (no OSGi): the same code that reads the
 * device once it is configured, so what the probe shows is what the gateway will see.
 */
final class ProbeDrivers {
    static final String DEVICE_ID = "probe";

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
            case COAP, COAPS -> {
                // a probe URI is a CoAP device address as the configuration file takes it
                CoapDriver driver = new CoapDriver(CoapSettings.defaults(), GatewayClock.SYSTEM);
                yield new ProbeTarget(driver, new DeviceRef(DEVICE_ID, profile.id(), uri.text(), null, null, null), driver);
            }
            default -> throw new ProbeUsageException(uri.scheme().text + " is not available in this build");
        };
    }

    private static String schemesFor(String protocol) {
        StringBuilder out = new StringBuilder();
        for (ProbeUri.Scheme s : ProbeUri.Scheme.values()) {
            if (s.reads(protocol)) out.append(out.length() == 0 ? "" : " or ").append(s.text).append("://");
        }
        return out.length() == 0 ? "another tool (the probe reads Modbus and CoAP devices)" : out.toString();
    }
}
