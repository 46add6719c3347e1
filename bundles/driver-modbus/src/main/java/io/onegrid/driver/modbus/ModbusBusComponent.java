package io.onegrid.driver.modbus;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per bus configuration: checks it, opens nothing yet (the line opens on the first request) and offers
 * the {@link RtuBus} to the RTU driver. A bad configuration is logged with what is wrong and offers no bus, so devices
 * on it fail their connect with BAD_ADDRESS naming the buses that are declared. A changed configuration replaces the
 * bus (DS deactivates and activates again); its devices move to the new line on their next poll.
 */
@Component(configurationPid = ModbusBusComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = BusConfig.class, factory = true)
public final class ModbusBusComponent {
    /** Factory PID of one bus; the gateway's config loader writes one configuration per entry of buses:. */
    public static final String FACTORY_PID = "io.onegrid.driver.modbus.bus";
    /** Service property of a registered {@link RtuBus}: its name. */
    public static final String BUS_NAME_PROPERTY = "onegrid.bus.name";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusBusComponent.class);

    private final RtuBus bus;
    private final ServiceRegistration<RtuBus> registration;

    @Activate
    public ModbusBusComponent(BusConfig config, BundleContext context) {
        BusSettings settings;
        try {
            settings = BusSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Modbus bus configuration rejected: {}; devices on it stay unconnected", e.getMessage());
            bus = null;
            registration = null;
            return;
        }
        bus = RtuBus.open(settings);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(BUS_NAME_PROPERTY, settings.name());
        registration = context.registerService(RtuBus.class, bus, properties);
        LOG.info("Modbus bus {} declared (the line opens on its first request)", bus);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            bus.close();
        }
    }
}
