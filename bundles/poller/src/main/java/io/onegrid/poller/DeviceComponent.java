package io.onegrid.poller;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per device configuration: hands it to the poller, live on change, and withdraws it when
 * the configuration is deleted. A configuration that fails validation is logged and keeps no device.
 */
@Component(configurationPid = DeviceComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceConfig.class, factory = true)
public final class DeviceComponent {
    static final String FACTORY_PID = "io.onegrid.device";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceComponent.class);

    private final DeviceManager manager;
    private final String key;

    @Activate
    public DeviceComponent(@Reference DeviceManager manager, DeviceConfig config, Map<String, Object> properties) {
        this.manager = manager;
        Object pid = properties.get("service.pid");
        this.key = pid != null ? pid.toString() : String.valueOf(properties.get("component.id"));
        apply(config);
    }

    @Modified
    void modified(DeviceConfig config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        manager.remove(key);
    }

    private void apply(DeviceConfig config) {
        DeviceSettings device;
        try {
            device = DeviceSettings.of(config.deviceId(), config.profile(), config.address(), config.bus(),
                    config.site(), config.unit(), config.area(), config.residentId(), config.overrides());
        } catch (IllegalArgumentException e) {
            LOG.error("device configuration {} is rejected: {}", key, e.getMessage());
            manager.remove(key);
            return;
        }
        manager.put(key, device);
    }
}
