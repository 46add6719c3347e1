package io.onegrid.driver.gpio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built bundle in a plain Felix with only api, device-profiles (+ snakeyaml), slf4j-api, DS, ConfigAdmin
 * and Metatype: it resolves, registers FieldDriver(onegrid.protocol=gpio), follows io.onegrid.gpio live, and
 * pushes readings from the GPIO simulator. Bundle classes are reached by reflection: they live in the
 * framework's class loaders, not the test's.
 */
class FelixBundleIT {
    // In start order: the SPI Fly framework extension and slf4j first, as in gateway/assembly.
    private static final List<String> PLATFORM = List.of("org.apache.aries.spifly.dynamic.framework.extension-",
            "slf4j-api-", "slf4j-simple-", "org.osgi.service.component-", "org.osgi.util.promise-",
            "org.osgi.util.function-", "org.osgi.service.log-", "org.apache.felix.scr-", "org.apache.felix.configadmin-",
            "org.apache.felix.metatype-", "snakeyaml-", "api-0", "device-profiles-0");

    @TempDir
    Path storage;
    private Framework framework;
    private FakeGpioSimulator simulator;

    @BeforeEach
    void startFelix() throws Exception {
        simulator = new FakeGpioSimulator(Map.of("flat302.smoke", 1, "flat302.siren", 0));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(Map.of(
                "org.osgi.framework.storage", storage.toString(),
                "org.osgi.framework.storage.clean", "onFirstInit",
                "ds.loglevel", "warn"));
        framework.start();
    }

    @AfterEach
    void stopFelix() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        simulator.close();
    }

    /** Every import resolves, the driver service appears, and a simulated smoke alarm becomes a reading. */
    @Test
    void bundleResolvesAndDrivesSimulator() throws Exception {
        BundleContext context = framework.getBundleContext();
        Bundle gpio = installAndStartAll(context);
        assertThat(gpio.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(gpio.getHeaders().get("Import-Package")).doesNotContain("com.pi4j");

        awaitDriverService(context);

        configure(context, Map.of("backend", "simulator", "simulatorAddress", "127.0.0.1:" + simulator.port()));
        List<Object> readings = new CopyOnWriteArrayList<>();
        Object connection = connect(context, gpio, "smoke=flat302.smoke,siren=flat302.siren", readings);
        await().until(() -> simulator.clientCount() == 1);

        simulator.set("flat302.smoke", 0);
        await().until(() -> readings.toString().contains("channel=smoke, value=true"));
        invoke(connection, "write", new Class<?>[]{String.class, Object.class}, "siren", true);
        await().until(() -> simulator.received.contains("SET flat302.siren 1"));

        // A new io.onegrid.gpio re-opens the connected device's lines on the new simulator, live.
        try (FakeGpioSimulator second = new FakeGpioSimulator(Map.of("flat302.smoke", 1))) {
            configure(context, Map.of("backend", "simulator", "simulatorAddress", "127.0.0.1:" + second.port()));
            await().until(() -> second.clientCount() == 1);
            await().until(() -> readings.get(readings.size() - 1).toString().contains("channel=smoke, value=false"));
            await().until(() -> simulator.clientCount() == 0);
        }
        invoke(connection, "close", new Class<?>[0]);
    }

    /** On the pi4j backend the embedded Pi4J starts inside OSGi and a machine without gpiod gets a clear error. */
    @Test
    void pi4jBackendFailsCleanlyWithoutGpiod() throws Exception {
        BundleContext context = framework.getBundleContext();
        Bundle gpio = installAndStartAll(context);
        awaitDriverService(context);

        Throwable failure = null;
        try {
            connect(context, gpio, "smoke=17", new CopyOnWriteArrayList<>());
        } catch (InvocationTargetException e) {
            failure = e.getCause();
        }
        // On a real Pi with gpiod this connects; anywhere else the driver reports why it cannot.
        System.out.println("pi4j backend inside Felix: " + (failure == null ? "connected" : failure.getMessage()));
        if (failure != null) {
            assertThat(failure.getClass().getName()).isEqualTo("io.onegrid.api.DriverException");
            assertThat(failure.getMessage()).contains("BCM line 17");
        }
    }

    private static List<String> platformJars() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> jars = new ArrayList<>();
        for (String prefix : PLATFORM) {
            jars.add(classPath.stream().filter(e -> e.endsWith(".jar") && new File(e).getName().startsWith(prefix))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "*.jar on the test class path")));
        }
        return jars;
    }

    /** Installs the platform bundles and the GPIO bundle, starts all but fragments, and returns the GPIO bundle. */
    private static Bundle installAndStartAll(BundleContext context) throws Exception {
        List<Bundle> bundles = new ArrayList<>();
        for (String jar : platformJars()) {
            bundles.add(context.installBundle(new File(jar).toURI().toString()));
        }
        Bundle gpio = context.installBundle(new File(System.getProperty("onegrid.bundle.jar")).toURI().toString());
        bundles.add(gpio);
        for (Bundle b : bundles) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
        }
        return gpio;
    }

    private static void awaitDriverService(BundleContext context) {
        try {
            await().until(() -> driverService(context) != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no FieldDriver(onegrid.protocol=gpio) service; framework has:" + describe(context), e);
        }
    }

    /** Bundle states and registered services, so a failure says what was missing. */
    private static String describe(BundleContext context) {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            out.append("\n  bundle ").append(b.getSymbolicName()).append(" state=").append(b.getState());
        }
        try {
            for (ServiceReference<?> ref : context.getAllServiceReferences(null, null)) {
                out.append("\n  service ").append(Arrays.toString((String[]) ref.getProperty("objectClass")));
            }
        } catch (Exception e) {
            out.append(e);
        }
        return out.toString();
    }

    private static ServiceReference<?> driverService(BundleContext context) throws Exception {
        // getAll...: the test class path has its own io.onegrid.api, which the framework would call incompatible.
        ServiceReference<?>[] refs = context.getAllServiceReferences("io.onegrid.api.FieldDriver", "(onegrid.protocol=gpio)");
        return refs == null ? null : refs[0];
    }

    private static void configure(BundleContext context, Map<String, String> properties) throws Exception {
        ServiceReference<?> ref = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0];
        Object admin = context.getService(ref);
        Object configuration = invoke(admin, "getConfiguration", new Class<?>[]{String.class, String.class},
                GpioConfig.PID, "?");
        invoke(configuration, "update", new Class<?>[]{java.util.Dictionary.class}, new Hashtable<>(properties));
        // Configuration Admin delivers asynchronously; DS copies the applied configuration onto the service
        // properties, so they tell when the driver runs with it.
        await("io.onegrid.gpio applied to the driver service").until(() -> {
            ServiceReference<?> driver = driverService(context);
            return driver != null && properties.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(driver.getProperty(e.getKey())));
        });
    }

    private static Object connect(BundleContext context, Bundle gpio, String address, List<Object> readings)
            throws Exception {
        Object driver = context.getService(driverService(context));
        ClassLoader api = gpio.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> coverage = api.loadClass("io.onegrid.api.Coverage");
        Class<?> deviceRef = api.loadClass("io.onegrid.api.DeviceRef");
        Class<?> sinkType = api.loadClass("io.onegrid.api.ReadingSink");
        Object cover = coverage.getConstructors()[0].newInstance("site-a", "flat302", null, null);
        Object device = deviceRef.getConstructors()[0].newInstance("flat302-smoke", "smoke-detector-gpio", address,
                "gpio", cover, Map.of());
        Object sink = Proxy.newProxyInstance(api, new Class<?>[]{sinkType}, (proxy, method, args) -> {
            if (method.getName().equals("accept")) {
                readings.addAll((List<?>) args[0]);
            }
            return null;
        });
        // The poller resolves the profile before it connects; here the profile bundle's built-in catalog does.
        Class<?> profileType = api.loadClass("io.onegrid.profile.DeviceProfile");
        Object catalog = api.loadClass("io.onegrid.profile.ProfileCatalogs").getMethod("builtin").invoke(null);
        Object found = invoke(catalog, "find", new Class<?>[]{String.class}, "smoke-detector-gpio");
        Object profile = ((java.util.Optional<?>) found).orElseThrow();
        return invoke(driver, "connect", new Class<?>[]{deviceRef, profileType, sinkType}, device, profile, sink);
    }

    private static Object invoke(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(name) && Arrays.equals(m.getParameterTypes(), types))
                .findFirst().orElseThrow(() -> new NoSuchMethodException(name));
        method.setAccessible(true);
        return method.invoke(target, args);
    }
}
