package io.onegrid.driver.coap;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import java.time.Duration;

/**
 * Registers the CoAP driver as the {@link FieldDriver} for protocol "coap". New settings restart it; the poller
 * then reconnects its devices.
 */
@Component(service = FieldDriver.class, configurationPid = CoapDriverConfig.PID,
        property = FieldDriver.PROTOCOL_PROPERTY + "=" + CoapDriver.PROTOCOL)
@Designate(ocd = CoapDriverConfig.class)
public final class CoapDriverComponent implements FieldDriver {
    private final CoapDriver driver;

    @Activate
    public CoapDriverComponent(CoapDriverConfig config) {
        this.driver = new CoapDriver(new CoapSettings(config.maxPayloadBytes(), config.threads(),
                Duration.ofMillis(config.defaultTimeoutMs())), GatewayClock.SYSTEM);
    }

    @Override
    public String protocol() {
        return driver.protocol();
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        return driver.connect(device, profile, sink);
    }

    @Deactivate
    void deactivate() {
        driver.close();
    }
}
