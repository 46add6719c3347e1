package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.Node;

/** The shared document reader names its kind of file, reports columns, and refuses anchors when asked. */
class YamlDocumentTest {
    private static final YamlDocument STRICT = new YamlDocument("grid file", 10_000, 10, 1_000, true);

    /** Problems found by YamlMap carry the line and the column of the offending value, in file order. */
    @Test
    void problemsHaveLineAndColumn() {
        // GIVEN a mapping with a wrongly typed value and an unknown key on the same line
        Node root = STRICT.compose("t.yaml", "a: {b: [1], zz: 2}\n");
        Problems problems = new Problems("t.yaml");
        YamlMap a = YamlMap.of(root, "the file", List.of("a"), problems).map("a", "block a", List.of("b"));
        // WHEN b is read as text
        a.text("b", true, "text");
        // THEN both problems point at their column, sorted left to right
        assertThat(problems.all()).extracting(ProfileException::line, ProfileException::column)
                .containsExactly(tuple(1, 8), tuple(1, 13));
    }

    /** A strict document refuses an anchor even before any alias uses it, at the anchor's position. */
    @Test
    void anchorsAreRefusedWhenAsked() {
        // GIVEN an anchor on line 2 WHEN composed strictly THEN it is refused there, naming the kind of file
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> STRICT.compose("g.yaml", "a: 1\nb: &x 2\n"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.problem()).startsWith("YAML anchors (&x) are not allowed in grid files");
        // AND a lenient document accepts the same text
        assertThat(new YamlDocument("profile", 10_000, 10, 1_000, false).compose("p.yaml", "a: 1\nb: &x 2\n")).isNotNull();
    }

    /** An empty or comment-only text has no document; a syntax error names the kind of file. */
    @Test
    void emptyAndBrokenText() {
        assertThat(STRICT.compose("e.yaml", "# nothing\n")).isNull();
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> STRICT.compose("s.yaml", "a: [1\n"));
        assertThat(e.problem()).startsWith("not valid YAML").endsWith("(a grid file is one YAML document)");
    }

    /** YamlMap.window reads the daily window syntax and reports a malformed one. */
    @Test
    void windows() {
        Problems problems = new Problems("w.yaml");
        YamlMap m = YamlMap.of(STRICT.compose("w.yaml", "ok: 06:00-22:00\nbad: 6-22\n"), "the file", List.of("ok", "bad"), problems);
        assertThat(m.window("ok", true)).containsExactly(LocalTime.of(6, 0), LocalTime.of(22, 0));
        assertThat(m.window("bad", true)).isNull();
        assertThat(problems.all()).singleElement().extracting(ProfileException::problem).asString()
                .startsWith("'bad' in the file must be a daily window");
    }

    /** A short text with very many values is stopped while it is parsed, before the nodes exist. */
    @Test
    void tooManyValuesAreRefused() {
        // GIVEN 2000 tiny values in a document allowed 1000 WHEN composed THEN it is refused, naming the limit
        String many = "[" + "1,".repeat(2000) + "1]";
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> STRICT.compose("m.yaml", many));
        assertThat(e.problem()).startsWith("the grid file holds more than 1000 values");
    }
}
