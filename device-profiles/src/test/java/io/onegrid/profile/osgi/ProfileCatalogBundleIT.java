package io.onegrid.profile.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The packaged bundle resolves in a real Felix with SCR, Configuration Admin and Metatype, registers the
 * ProfileCatalog service, and picks up a profile folder configured under PID io.onegrid.profiles.
 */
class ProfileCatalogBundleIT {
    private static final String CATALOG = "io.onegrid.profile.ProfileCatalog";

    @TempDir
    Path tmp;

    private Framework framework;
    private BundleContext context;
    private Bundle profiles;

    @BeforeEach
    void startFelix() throws Exception {
        Map<String, String> props = Map.of(
                Constants.FRAMEWORK_STORAGE, tmp.resolve("felix-cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "ds.loglevel", "warn");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.init();
        context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        // SPI Fly first: slf4j-api 2 needs a service-loader processor and a provider (slf4j-simple) to resolve
        for (String name : List.of("org.apache.aries.spifly.dynamic.framework.extension", "org.osgi.util.function",
                "org.osgi.util.promise", "org.osgi.service.log", "org.osgi.service.component-1", "org.apache.felix.scr", "org.apache.felix.configadmin",
                "org.apache.felix.metatype", "slf4j-api-", "slf4j-simple-", "snakeyaml-")) {
            bundles.add(context.installBundle(jarOnClasspath(name).toURI().toString()));
        }
        String ours = System.getProperty("bundle.jar");
        assertThat(ours).as("failsafe passes the packaged bundle as system property bundle.jar").isNotNull();
        profiles = context.installBundle(new File(ours).toURI().toString());
        bundles.add(profiles);
        framework.start();
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) b.start();
        }
        assertThat(profiles.getState()).as("device-profiles bundle state").isEqualTo(Bundle.ACTIVE);
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** GIVEN the bundle started WHEN nothing is configured THEN the shipped catalog is served as a service. */
    @Test
    void registersShippedCatalog() throws Exception {
        Object catalog = await().atMost(Duration.ofSeconds(10)).until(() -> service(CATALOG), s -> s != null);

        assertThat(profileId(catalog, "hydrant-pressure-modbus")).contains("hydrant-pressure-modbus");
        assertThat(profileId(catalog, "smoke-detector-gpio")).contains("smoke-detector-gpio");
    }

    /**
     * GIVEN a framework without the schema validator or Jackson 3 WHEN the bundle starts THEN it is active with
     * those imports unwired (they are the checker's, optional) and exports the model and value packages only.
     */
    @Test
    void resolvesWithoutTheSchemaValidator() {
        BundleWiring wiring = profiles.adapt(BundleWiring.class);

        assertThat(wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE))
                .extracting(w -> String.valueOf(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .contains("org.yaml.snakeyaml.nodes")
                .noneMatch(p -> p.startsWith("com.networknt") || p.startsWith("tools.jackson"));
        assertThat(wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE))
                .extracting(c -> String.valueOf(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .containsExactlyInAnyOrder("io.onegrid.profile", "io.onegrid.profile.values");
    }

    /** GIVEN a profile folder WHEN PID io.onegrid.profiles sets directory THEN its profiles appear in the service. */
    @Test
    void configuredDirectoryAddsProfiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(dir.resolve("door.yaml"), """
                id: door
                name: Door
                category: door-contact
                protocol: gpio
                channels:
                  - {id: open, type: bool, gpio: {direction: in}}
                """);
        Object catalog = await().atMost(Duration.ofSeconds(10)).until(() -> service(CATALOG), s -> s != null);
        assertThat(profileId(catalog, "door")).isEmpty();

        ServiceReference<?> cmRef = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0];
        Object cm = context.getService(cmRef);
        Class<?> cmType = cmRef.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object config = cmType.getMethod("getConfiguration", String.class, String.class).invoke(cm, "io.onegrid.profiles", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("directory", dir.toString());
        Class<?> configType = cmRef.getBundle().loadClass("org.osgi.service.cm.Configuration");
        configType.getMethod("update", Dictionary.class).invoke(config, props);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Object s = service(CATALOG);
            return s != null && profileId(s, "door").isPresent();
        });
    }

    /**
     * The service as the bundles see it. getAllServiceReferences skips the class-space check, which would
     * hide it: the test class path has its own copy of io.onegrid.profile, visible to the system bundle.
     */
    private Object service(String type) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(type, null);
        return refs == null ? null : context.getService(refs[0]);
    }

    /** Calls catalog.find(id).map(DeviceProfile::id) across the bundle's class loader. */
    private static Optional<String> profileId(Object catalog, String id) throws Exception {
        Class<?> api = catalog.getClass().getClassLoader().loadClass(CATALOG);
        Optional<?> found = (Optional<?>) api.getMethod("find", String.class).invoke(catalog, id);
        if (found.isEmpty()) return Optional.empty();
        Object profile = found.get();
        Method idMethod = profile.getClass().getMethod("id");
        return Optional.of((String) idMethod.invoke(profile));
    }

    private static File jarOnClasspath(String namePrefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.getName().startsWith(namePrefix) && f.getName().endsWith(".jar")) return f;
        }
        throw new IllegalStateException(namePrefix + "*.jar is not on the test class path; see the test dependencies in pom.xml");
    }
}
