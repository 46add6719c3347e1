package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The checker run as a program whose class path lacks the schema validator (as a jar built without it would)
 * says what is missing and exits 2, instead of calling files valid it could not check.
 */
class ProfileCheckClassPathTest {
    /** GIVEN a class path without json-schema-validator and Jackson 3 WHEN a valid file is checked THEN exit 2 and a clear sentence. */
    @Test
    void missingValidatorIsAnErrorNotASuccess() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("json-schema-validator") && !e.contains(File.separator + "tools" + File.separator + "jackson"))
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", classPath, ProfileCheck.class.getName(),
                ProfileCatalogsTest.SHIPPED.resolve("hydrant-pressure-modbus.yaml").toString())).start();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the checker ends").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("ProfileCheck: cannot check against the JSON schema", "com.networknt:json-schema-validator");
        assertThat(out).doesNotContain("ok (");
    }
}
