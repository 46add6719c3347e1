package io.onegrid.profile.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.ProfileCatalogs;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog component serves the shipped catalog by default and swaps in a folder on reconfiguration. */
class ProfileCatalogComponentTest {
    @TempDir
    Path dir;

    static ProfileCatalogConfig config(String directory) {
        return new ProfileCatalogConfig() {
            @Override
            public String directory() {
                return directory;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ProfileCatalogConfig.class;
            }
        };
    }

    /** Empty directory: shipped profiles; a configured folder adds profiles live and reports bad files. */
    @Test
    void reconfiguresLive() throws Exception {
        ProfileCatalogComponent component = new ProfileCatalogComponent(config(""));
        assertThat(component.all()).hasSameSizeAs(ProfileCatalogs.builtin().all());
        assertThat(component.find("door")).isEmpty();

        Files.writeString(dir.resolve("door.yaml"), """
                id: door
                name: Door
                category: door-contact
                protocol: gpio
                channels:
                  - {id: open, type: bool, gpio: {direction: in}}
                """);
        Files.writeString(dir.resolve("bad.yaml"), "id: bad\n");
        component.modified(config(dir.toString()));

        assertThat(component.find("door")).isPresent();
        assertThat(component.problems()).singleElement().satisfies(p -> assertThat(p.file()).endsWith("bad.yaml"));
    }
}
