package io.onegrid.poller;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One device instance (factory PID io.onegrid.device, one configuration per device). */
@ObjectClassDefinition(id = DeviceComponent.FACTORY_PID, name = "OneGrid device",
        description = "A device on this gateway: its profile, where to reach it and what it covers.")
public @interface DeviceConfig {
    @AttributeDefinition(name = "Device id", description = "Unique on this gateway, e.g. hydrant-b1.")
    String deviceId();

    @AttributeDefinition(name = "Profile", description = "Profile id from the catalog, e.g. hydrant-pressure-modbus.")
    String profile();

    @AttributeDefinition(name = "Address",
            description = "Modbus TCP host:port/unitId (127.0.0.1:5020/1); Modbus RTU the unit id 1..247 on its bus (3); "
                    + "GPIO channel=line,... (smoke=17,siren=27).")
    String address();

    @AttributeDefinition(name = "Bus", required = false,
            description = "Devices on one bus share one serialized queue. Modbus RTU: the name of a bus declared under buses: "
                    + "(required). Default: tcp:host:port for Modbus TCP, gpio for GPIO.")
    String bus() default "";

    @AttributeDefinition(name = "Site", description = "Building the device is in.")
    String site();

    @AttributeDefinition(name = "Unit", required = false, description = "Flat the device covers.")
    String unit() default "";

    @AttributeDefinition(name = "Area", required = false, description = "Common area the device covers.")
    String area() default "";

    @AttributeDefinition(name = "Resident id", required = false, description = "Resident the device watches over (id only).")
    String residentId() default "";

    @AttributeDefinition(name = "Overrides", required = false,
            description = "Profile settings for this device as key=value, e.g. low-pressure.below=0.12.")
    String[] overrides() default {};
}
