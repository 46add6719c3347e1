package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.schema.ProfileSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ProfileCheck command validates files, prints file:line: problem, and exits 0, 1 or 2. */
class ProfileCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ProfileCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Valid files (and the shipped folder) exit 0 with an ok line each. */
    @Test
    void validFilesExitZero() {
        int status = run(ProfileCatalogsTest.SHIPPED.toString());

        assertThat(status).isEqualTo(0);
        assertThat(out()).contains("hydrant-pressure-modbus.yaml: ok (hydrant-pressure-modbus, modbus-tcp, 2 channels, 1 alarm rules)");
        assertThat(out()).contains(ProfileCatalogs.builtinFileNames().size() + " file(s) valid");
    }

    /** An invalid file exits 1 and prints every problem as file:line: problem. */
    @Test
    void invalidFileExitsOne() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, ProfileLoaderTest.MODBUS.replace("type: uint16", "type: word").replace("below: 0.10", "below: low"));
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, ProfileLoaderTest.GPIO);

        int status = run("--quiet", bad.toString(), good.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains(bad + ":13:11: 'type' in channel 'status' must be one of")
                .contains(bad + ":23:12: 'below' in rule 'low-pressure' must be a number")
                .contains("1 of 2 file(s) invalid")
                .doesNotContain("good.yaml: ok");
    }

    /**
     * A schema problem about a node in which the loader found nothing is printed; one about a node the loader
     * already reported inside (its first to its last line) is dropped; all in file order.
     */
    @Test
    void mergeKeepsWhatOnlyTheSchemaFound() {
        ProfileException loader = new ProfileException("f.yaml", 12, 5, "the loader's sentence");
        ProfileSchema.Finding covered = new ProfileSchema.Finding(new ProfileException("f.yaml", 10, 3, "about the channel"), 14);
        ProfileSchema.Finding alone = new ProfileSchema.Finding(new ProfileException("f.yaml", 2, 7, "only the schema's"), 2);

        List<ProfileException> merged = ProfileCheck.merge(List.of(loader), List.of(covered, alone));

        assertThat(merged).extracting(ProfileException::problem).containsExactly("only the schema's", "the loader's sentence");
    }

    /** A label YAML reads as a boolean (on/off) is refused by both, once, with the hint to quote it. */
    @Test
    void enumLabelsMustBeText() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, ProfileLoaderTest.MODBUS.replace("    type: uint16\n", "    type: uint16\n    enum: {0: off, 1: on}\n"));

        run("--quiet", bad.toString());

        assertThat(out().lines().filter(l -> l.startsWith(bad + ":"))).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("must be text", "quote it"));
    }

    /** A mistake both the schema and the loader see is printed once, in the loader's words. */
    @Test
    void aMistakeIsReportedOnce() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, ProfileLoaderTest.MODBUS.replace("type: uint16", "type: word"));

        run("--quiet", bad.toString());

        assertThat(out().lines().filter(l -> l.startsWith(bad + ":"))).singleElement()
                .satisfies(l -> assertThat(l).startsWith(bad + ":13:11: 'type' in channel 'status' must be one of bool, int16"));
    }

    /**
     * Channel blocks that do not match the protocol are told in the loader's words only, although the schema's
     * complaint is about the whole channel (lines the loader's messages fall inside).
     */
    @Test
    void wrongBlockIsNotReportedTwice() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, ProfileLoaderTest.GPIO.replace("protocol: gpio", "protocol: coap"));

        run("--quiet", bad.toString());

        assertThat(out()).contains(bad + ":8:11: channel 'open' has a gpio block but the profile's protocol is coap")
                .doesNotContain("channels[0]", "channels[1]");
    }

    /** Problems about a key (one of another rule kind, a timeout too long) point at the key's column, not only its line. */
    @Test
    void keyProblemsHaveColumns() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, ProfileLoaderTest.MODBUS.replace("poll: {interval: 5s, timeout: 1s}", "poll: {interval: 5s, timeout: 5s}")
                .replace("    hysteresis: 0.02\n", "    hysteresis: 0.02\n    inactivity: 1h\n"));

        run("--quiet", bad.toString());

        assertThat(out()).contains(bad + ":5:22: poll timeout (5s) must be shorter than the poll interval")
                .contains(bad + ":25:5: 'inactivity' does not apply to a threshold rule");
    }

    /** No arguments or an unknown option exit 2 with usage on stderr; --help exits 0. */
    @Test
    void usage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
        assertThat(run("--frobnicate", "x.yaml")).isEqualTo(2);
        assertThat(run(dir.toString())).as("an empty folder").isEqualTo(2);
        out.reset();
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out()).contains("Exit status: 0 all files valid, 1 at least one file invalid, 2 usage error");
    }
}
