package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped catalog is complete and valid; a local folder adds and overrides, and bad files are reported and skipped. */
class ProfileCatalogsTest {
    static final Path SHIPPED = Path.of("src/main/resources/profiles");

    @TempDir
    Path dir;

    /** Every file in the profiles folder is listed in index.txt (and vice versa) and loads, with its id as file name. */
    @Test
    void builtinCatalogHasEveryShippedProfile() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.list(SHIPPED)) {
            onDisk = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertThat(ProfileCatalogs.builtinFileNames()).containsExactlyInAnyOrderElementsOf(onDisk);

        ProfileCatalog catalog = ProfileCatalogs.builtin();

        assertThat(catalog.all()).hasSize(onDisk.size());
        assertThat(catalog.problems()).isEmpty();
        for (DeviceProfile p : catalog.all()) {
            assertThat(p.source()).isEqualTo("classpath:profiles/" + p.id() + ".yaml");
        }
        assertThat(catalog.all()).extracting(DeviceProfile::id).contains("hydrant-pressure-modbus", "smoke-detector-gpio",
                "door-contact-gpio", "electrical-fire-modbus", "gas-detector-modbus", "water-leak-gpio",
                "temperature-humidity-modbus", "pir-motion-gpio", "sos-button-gpio", "environment-sensor-coap",
                "electrical-fire-rtu", "gas-detector-rtu", "manual-call-point-gpio", "water-flow-switch-gpio",
                "water-tank-level-rtu");
        assertThat(catalog.all()).extracting(DeviceProfile::protocol).contains("modbus-tcp", "modbus-rtu", "coap", "gpio");
        assertThat(catalog.find("nope")).isEmpty();
    }

    /** A folder profile with a shipped id replaces the shipped one; a new id is added. */
    @Test
    void directoryOverridesBuiltinById() throws IOException {
        String hydrant = Files.readString(SHIPPED.resolve("hydrant-pressure-modbus.yaml")).replace("below: 0.10", "below: 0.25");
        Files.writeString(dir.resolve("hydrant-pressure-modbus.yaml"), hydrant);
        Files.writeString(dir.resolve("door.yml"), ProfileLoaderTest.GPIO);
        Files.writeString(dir.resolve("README.txt"), "not a profile");
        List<ProfileException> reported = new ArrayList<>();

        ProfileCatalog catalog = ProfileCatalogs.withDirectory(dir, reported::add);

        assertThat(reported).isEmpty();
        DeviceProfile p = catalog.find("hydrant-pressure-modbus").orElseThrow();
        assertThat(p.alarms().get(0).below()).isEqualTo(0.25);
        assertThat(p.source()).isEqualTo(dir.resolve("hydrant-pressure-modbus.yaml").toString());
        assertThat(catalog.find("door")).isPresent();
        assertThat(catalog.all()).hasSize(ProfileCatalogs.builtin().all().size() + 1);
        assertThat(ProfileCatalogs.builtin().find("hydrant-pressure-modbus").orElseThrow().alarms().get(0).below()).isEqualTo(0.10);
    }

    /** A bad file is reported with its ProfileException and skipped; the good ones still load. */
    @Test
    void badFileIsReportedAndSkipped() throws IOException {
        Files.writeString(dir.resolve("door.yaml"), ProfileLoaderTest.GPIO);
        Files.writeString(dir.resolve("broken.yaml"), ProfileLoaderTest.GPIO.replace("id: door", "id: broken").replace("kind: inactivity", "kind: silence"));
        Files.writeString(dir.resolve("renamed.yaml"), ProfileLoaderTest.GPIO);
        List<ProfileException> reported = new ArrayList<>();

        ProfileCatalog catalog = ProfileCatalogs.withDirectory(dir, reported::add);

        assertThat(catalog.find("door")).isPresent();
        assertThat(catalog.find("broken")).isEmpty();
        assertThat(reported).hasSize(2);
        assertThat(catalog.problems()).containsExactlyElementsOf(reported);
        ProfileException broken = reported.get(0);
        assertThat(broken.file()).isEqualTo(dir.resolve("broken.yaml").toString());
        assertThat(broken.line()).isEqualTo(14);
        assertThat(broken.problem()).contains("'kind'", "silence");
        assertThat(reported.get(1).problem()).contains("does not match the file name 'renamed.yaml'");
    }

    /** A missing folder is reported, and the shipped catalog is still served. */
    @Test
    void missingDirectoryIsReported() {
        List<ProfileException> reported = new ArrayList<>();
        ProfileCatalog catalog = ProfileCatalogs.withDirectory(dir.resolve("absent"), reported::add);

        assertThat(reported).singleElement().satisfies(e -> assertThat(e.problem()).contains("does not exist"));
        assertThat(catalog.all()).hasSameSizeAs(ProfileCatalogs.builtin().all());
        // the logging variant reports through its problems() too
        assertThat(ProfileCatalogs.withDirectory(dir.resolve("absent")).problems()).hasSize(1);
    }
}
