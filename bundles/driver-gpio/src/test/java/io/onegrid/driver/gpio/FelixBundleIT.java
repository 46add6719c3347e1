package io.onegrid.driver.gpio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.onegrid.testing.FelixFramework;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.onegrid.testing.FelixFramework.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built bundle in a plain Felix with only api, device-profiles (+ snakeyaml), slf4j-api, DS, ConfigAdmin
 * and Metatype: it resolves, registers FieldDriver(onegrid.protocol=gpio), follows io.onegrid.gpio live, and
 * pushes readings from the GPIO simulator. Bundle classes are reached by reflection: they live in the
 * framework's class loaders, not the test's.
 */
class FelixBundleIT {
    private static final List<String> BUNDLES = Stream.concat(FelixFramework.RUNTIME.stream(),
            FelixFramework.API_AND_PROFILES.stream()).toList();
    private static final String DRIVER = "io.onegrid.api.FieldDriver";
    private static final String GPIO = "(onegrid.protocol=gpio)";

    @TempDir
    Path storage;
    private FelixFramework felix;
    private FakeGpioSimulator simulator;

    @BeforeEach
    void startFelix() throws Exception {
        simulator = new FakeGpioSimulator(Map.of("flat302.smoke", 1, "flat302.siren", 0));
        felix = FelixFramework.start(storage);
    }

    @AfterEach
    void stopFelix() throws Exception {
        felix.close();
        simulator.close();
    }

    /** Every import resolves, the driver service appears, and a simulated smoke alarm becomes a reading. */
    @Test
    void bundleResolvesAndDrivesSimulator() throws Exception {
        Bundle gpio = felix.installAndStart(BUNDLES, FelixFramework.builtBundle("onegrid.bundle.jar"));
        assertThat(gpio.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(gpio.getHeaders().get("Import-Package")).doesNotContain("com.pi4j");

        felix.awaitService(DRIVER, GPIO);

        configure(Map.of("backend", "simulator", "simulatorAddress", "127.0.0.1:" + simulator.port()));
        List<Object> readings = new CopyOnWriteArrayList<>();
        Object connection = connect(gpio, "smoke=flat302.smoke,siren=flat302.siren", readings);
        await().until(() -> simulator.clientCount() == 1);

        simulator.set("flat302.smoke", 0);
        await().until(() -> readings.toString().contains("channel=smoke, value=true"));
        invoke(connection, "write", new Class<?>[]{String.class, Object.class}, "siren", true);
        await().until(() -> simulator.received.contains("SET flat302.siren 1"));

        // A new io.onegrid.gpio re-opens the connected device's lines on the new simulator, live.
        try (FakeGpioSimulator second = new FakeGpioSimulator(Map.of("flat302.smoke", 1))) {
            configure(Map.of("backend", "simulator", "simulatorAddress", "127.0.0.1:" + second.port()));
            await().until(() -> second.clientCount() == 1);
            await().until(() -> readings.get(readings.size() - 1).toString().contains("channel=smoke, value=false"));
            await().until(() -> simulator.clientCount() == 0);
        }
        invoke(connection, "close", new Class<?>[0]);
    }

    /** On the pi4j backend the embedded Pi4J starts inside OSGi and a machine without gpiod gets a clear error. */
    @Test
    void pi4jBackendFailsCleanlyWithoutGpiod() throws Exception {
        Bundle gpio = felix.installAndStart(BUNDLES, FelixFramework.builtBundle("onegrid.bundle.jar"));
        felix.awaitService(DRIVER, GPIO);

        Throwable failure = null;
        try {
            connect(gpio, "smoke=17", new CopyOnWriteArrayList<>());
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

    private void configure(Map<String, String> properties) throws Exception {
        felix.configure(GpioConfig.PID, properties);
        // Configuration Admin delivers asynchronously; DS copies the applied configuration onto the service
        // properties, so they tell when the driver runs with it.
        await("io.onegrid.gpio applied to the driver service").until(() -> {
            ServiceReference<?> driver = felix.reference(DRIVER, GPIO);
            return driver != null && properties.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(driver.getProperty(e.getKey())));
        });
    }

    private Object connect(Bundle gpio, String address, List<Object> readings) throws Exception {
        Object driver = felix.service(DRIVER, GPIO);
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
}
