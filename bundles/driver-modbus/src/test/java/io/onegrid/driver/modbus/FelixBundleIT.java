package io.onegrid.driver.modbus;

import io.onegrid.testing.FelixFramework;
import io.onegrid.testing.SocatPair;

import static org.assertj.core.api.Assertions.assertThat;
import static io.onegrid.testing.FelixFramework.invoke;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The built bundle in a plain Felix with jSerialComm as a bundle of its own: it resolves, a factory configuration
 * io.onegrid.driver.modbus.bus declares a bus on a socat pty, and the FieldDriver(onegrid.protocol=modbus-rtu) reads
 * the libmodbus slave through it, jSerialComm's native part loading inside OSGi. Bundle classes are reached by
 * reflection: they live in the framework's class loaders, not the test's.
 */
class FelixBundleIT {
    private static final List<String> BUNDLES = Stream.of(FelixFramework.RUNTIME, FelixFramework.API_AND_PROFILES,
            List.of("jSerialComm-")).flatMap(List::stream).toList();
    private static final String DRIVER = "io.onegrid.api.FieldDriver";
    private static final String RTU = "(onegrid.protocol=modbus-rtu)";

    @TempDir
    Path dir;
    private FelixFramework felix;
    private SocatPair cable;
    private LibmodbusSlave slave;

    @BeforeEach
    void start() throws Exception {
        cable = new SocatPair(dir);
        slave = LibmodbusSlave.rtu(cable.b, 9600, 4);
        felix = FelixFramework.start(dir.resolve("felix"));
    }

    @AfterEach
    void stop() throws Exception {
        felix.close();
        slave.close();
        cable.close();
    }

    /** The bundle resolves, a configured bus appears, and a device on it is read over the pty inside OSGi. */
    @Test
    void readsAnRtuDeviceInsideFelix() throws Exception {
        Bundle modbus = felix.installAndStart(BUNDLES, FelixFramework.builtBundle("onegrid.bundle.jar"));
        assertThat(modbus.getState()).isEqualTo(Bundle.ACTIVE);
        felix.awaitService(DRIVER, RTU);

        felix.configureFactory(ModbusBusComponent.FACTORY_PID, Map.of(
                "name", "riser-a", "kind", "rtu", "port", cable.a.toString(), "baud", 9600, "timeoutMs", 500));
        felix.awaitService("io.onegrid.driver.modbus.RtuBus", "(onegrid.bus.name=riser-a)");

        ClassLoader loader = modbus.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> deviceRef = loader.loadClass("io.onegrid.api.DeviceRef");
        Class<?> profileType = loader.loadClass("io.onegrid.profile.DeviceProfile");
        Class<?> sinkType = loader.loadClass("io.onegrid.api.ReadingSink");
        Object device = deviceRef.getConstructors()[0].newInstance("hydrant-4", "hydrant-pressure-modbus", "4", "riser-a",
                null, Map.of());
        // the driver does not re-check the profile's protocol (the poller resolved it): a register map is a register map
        Object catalog = loader.loadClass("io.onegrid.profile.ProfileCatalogs").getMethod("builtin").invoke(null);
        Object profile = ((java.util.Optional<?>) invoke(catalog, "find", new Class<?>[] {String.class},
                "hydrant-pressure-modbus")).orElseThrow();
        Object sink = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {sinkType}, (p, m, a) -> null);
        Object connection = invoke(felix.service(DRIVER, RTU), "connect",
                new Class<?>[] {deviceRef, profileType, sinkType}, device, profile, sink);

        List<?> readings = (List<?>) invoke(connection, "poll", new Class<?>[0]);

        assertThat(readings.toString()).contains("channel=status, value=4510.0").contains("quality=GOOD");
        await().untilAsserted(() -> assertThat(slave.requests).contains("unit=4 fc=4 addr=10 count=1"));
        invoke(connection, "close", new Class<?>[0]);
    }
}
