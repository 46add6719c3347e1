package io.onegrid.driver.modbus;

import io.onegrid.testing.SocatPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The built bundle in a plain Felix with jSerialComm as a bundle of its own: it resolves, a factory configuration
 * io.onegrid.driver.modbus.bus declares a bus on a socat pty, and the FieldDriver(onegrid.protocol=modbus-rtu) reads
 * the libmodbus slave through it, jSerialComm's native part loading inside OSGi. Bundle classes are reached by
 * reflection: they live in the framework's class loaders, not the test's.
 */
class FelixBundleIT {
    private static final List<String> PLATFORM = List.of("org.apache.aries.spifly.dynamic.framework.extension-",
            "slf4j-api-", "slf4j-simple-", "org.osgi.service.component-", "org.osgi.util.promise-",
            "org.osgi.util.function-", "org.osgi.service.log-", "org.apache.felix.scr-", "org.apache.felix.configadmin-",
            "org.apache.felix.metatype-", "snakeyaml-", "api-0", "device-profiles-0", "jSerialComm-");

    @TempDir
    Path dir;
    private Framework framework;
    private SocatPair cable;
    private LibmodbusSlave slave;

    @BeforeEach
    void start() throws Exception {
        cable = new SocatPair(dir);
        slave = LibmodbusSlave.rtu(cable.b, 9600, 4);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(Map.of("org.osgi.framework.storage", dir.resolve("felix").toString(),
                "org.osgi.framework.storage.clean", "onFirstInit", "ds.loglevel", "warn"));
        framework.start();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        slave.close();
        cable.close();
    }

    /** The bundle resolves, a configured bus appears, and a device on it is read over the pty inside OSGi. */
    @Test
    void readsAnRtuDeviceInsideFelix() throws Exception {
        BundleContext context = framework.getBundleContext();
        Bundle modbus = installAndStartAll(context);
        assertThat(modbus.getState()).isEqualTo(Bundle.ACTIVE);
        await().until(() -> driver(context) != null);

        Object admin = context.getService(context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0]);
        Object configuration = invoke(admin, "createFactoryConfiguration", new Class<?>[] {String.class, String.class},
                ModbusBusComponent.FACTORY_PID, "?");
        invoke(configuration, "update", new Class<?>[] {java.util.Dictionary.class}, new Hashtable<>(Map.of(
                "name", "riser-a", "kind", "rtu", "port", cable.a.toString(), "baud", 9600, "timeoutMs", 500)));
        await().until(() -> context.getAllServiceReferences("io.onegrid.driver.modbus.RtuBus", "(onegrid.bus.name=riser-a)") != null);

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
        Object connection = invoke(context.getService(driver(context)), "connect",
                new Class<?>[] {deviceRef, profileType, sinkType}, device, profile, sink);

        List<?> readings = (List<?>) invoke(connection, "poll", new Class<?>[0]);

        assertThat(readings.toString()).contains("channel=status, value=4510.0").contains("quality=GOOD");
        await().untilAsserted(() -> assertThat(slave.requests).contains("unit=4 fc=4 addr=10 count=1"));
        invoke(connection, "close", new Class<?>[0]);
    }

    private static ServiceReference<?> driver(BundleContext context) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences("io.onegrid.api.FieldDriver", "(onegrid.protocol=modbus-rtu)");
        return refs == null ? null : refs[0];
    }

    private static Bundle installAndStartAll(BundleContext context) throws Exception {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<Bundle> bundles = new ArrayList<>();
        for (String prefix : PLATFORM) {
            String jar = classPath.stream().filter(e -> e.endsWith(".jar") && new File(e).getName().startsWith(prefix))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "*.jar on the test class path"));
            bundles.add(context.installBundle(new File(jar).toURI().toString()));
        }
        Bundle modbus = context.installBundle(new File(System.getProperty("onegrid.bundle.jar")).toURI().toString());
        bundles.add(modbus);
        for (Bundle b : bundles) {
            if (b.getHeaders().get("Fragment-Host") == null) b.start();
        }
        return modbus;
    }

    private static Object invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(name) && Arrays.equals(m.getParameterTypes(), types))
                .findFirst().orElseThrow(() -> new NoSuchMethodException(name));
        method.setAccessible(true);
        return method.invoke(target, args);
    }
}
