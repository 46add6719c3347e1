package io.onegrid.profile.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.testing.FelixFramework;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The packaged bundle resolves in a real Felix with SCR, Configuration Admin and Metatype, registers the
 * ProfileCatalog service, and picks up a profile folder configured under PID io.onegrid.profiles.
 */
class ProfileCatalogBundleIT {
    private static final String CATALOG = "io.onegrid.profile.ProfileCatalog";

    @TempDir
    Path tmp;

    private FelixFramework felix;
    private Bundle profiles;

    @BeforeEach
    void startFelix() throws Exception {
        felix = FelixFramework.start(tmp.resolve("felix-cache"));
        profiles = felix.installAndStart(FelixFramework.RUNTIME, FelixFramework.builtBundle("bundle.jar"));
        assertThat(profiles.getState()).as("device-profiles bundle state").isEqualTo(Bundle.ACTIVE);
    }

    @AfterEach
    void stopFelix() throws Exception {
        if (felix != null) felix.close();
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

        felix.configure("io.onegrid.profiles", Map.of("directory", dir.toString()));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Object s = service(CATALOG);
            return s != null && profileId(s, "door").isPresent();
        });
    }

    /** The catalog service as the bundles see it, or null while there is none. */
    private Object service(String type) throws Exception {
        return felix.service(type, null);
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
}
